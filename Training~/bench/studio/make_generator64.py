#!/usr/bin/python3
"""Writes a DCGAN-like 64x64 RGB generator with random weights and the model contract's metadata,
for the studio benchmark (not committed: made at bench time).

z[N,128] -> Gemm 128->4*4*512 -> Relu -> Reshape [N,512,4,4]
  -> ConvTranspose 4x4/2 512->256 -> Relu -> 256->128 -> Relu -> 128->64 -> Relu -> 64->3 -> Tanh  => [N,3,64,64]
(batch norm folded away, as our exporter does). Usage: /usr/bin/python3 make_generator64.py OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

LATENT = 128


def main(out):
    rng = np.random.default_rng(64)
    inits, nodes = [], []

    def tensor(name, array):
        inits.append(numpy_helper.from_array(array.astype(np.float32), name))
        return name

    w = rng.standard_normal((LATENT, 4 * 4 * 512)) * np.sqrt(2.0 / LATENT)
    nodes.append(helper.make_node("Gemm", ["z", tensor("fc_w", w), tensor("fc_b", np.zeros(4 * 4 * 512))], ["fc"]))
    nodes.append(helper.make_node("Relu", ["fc"], ["fc_r"]))
    inits.append(numpy_helper.from_array(np.array([-1, 512, 4, 4], dtype=np.int64), "shape"))
    nodes.append(helper.make_node("Reshape", ["fc_r", "shape"], ["x0"]))
    channels = [512, 256, 128, 64, 3]
    x = "x0"
    for i in range(4):
        cin, cout = channels[i], channels[i + 1]
        k = rng.standard_normal((cin, cout, 4, 4)) * np.sqrt(2.0 / (cin * 4))
        y = f"up{i}"
        nodes.append(helper.make_node("ConvTranspose", [x, tensor(f"w{i}", k), tensor(f"b{i}", np.zeros(cout))], [y],
                                      kernel_shape=[4, 4], strides=[2, 2], pads=[1, 1, 1, 1]))
        x = y + "_a"
        nodes.append(helper.make_node("Relu" if i < 3 else "Tanh", [y], ["image" if i == 3 else x]))
    graph = helper.make_graph(nodes, "bench_dcgan64",
                              [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["N", LATENT])],
                              [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, 64, 64])], inits)
    model = helper.make_model(graph, producer_name="wasserforge-bench", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    meta = {"wasserforge.contract_version": "1", "wasserforge.kind": "image", "wasserforge.latent_dim": str(LATENT),
            "wasserforge.width": "64", "wasserforge.height": "64", "wasserforge.channels": "3",
            "wasserforge.color_space": "srgb", "wasserforge.tileable": "false", "wasserforge.value_range": "-1,1",
            "wasserforge.created_by": "make_generator64.py (random weights)"}
    for k, v in meta.items():
        model.metadata_props.add(key=k, value=v)
    onnx.checker.check_model(model)
    onnx.save(model, out)


if __name__ == "__main__":
    main(sys.argv[1])
