#!/usr/bin/python3
"""Writes a texture generator (model contract version 2, kind texture) with seeded random weights for the
texture benchmark: the 3-level shape of the trainer's texture model (docs: model-contract.md), global code 32,
local noise 8 channels, widths 64 -> 32 -> 16 -> 16, noise scale 8, halo 2, RGB, conditional scale and shift
from the global code at every level. Weights are random: this measures speed and memory, not quality.

usage: /usr/bin/python3 Tools~/bench/texture/make_model.py OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

L, G, C = 8, 32, 3
WIDTHS = [64, 32, 16, 16]          # after the first conv, then after each of the 3 upsamplings


def main(path):
    rng = np.random.default_rng(5)
    nodes, inits = [], []
    k = [0]

    def name(p):
        k[0] += 1
        return f"{p}{k[0]}"

    def const(a):
        n = name("c")
        inits.append(numpy_helper.from_array(np.asarray(a), n))
        return n

    def op(t, ins, **attrs):
        out = name(t.lower())
        nodes.append(helper.make_node(t, ins, [out], **attrs))
        return out

    def weights(*shape, fan):
        return (rng.standard_normal(shape) * np.sqrt(2.0 / fan)).astype(np.float32)

    def circ_conv(x, cin, cout):
        big = const(np.array([2 ** 62], np.int64))
        for axis in (2, 3):
            ax = const(np.array([axis], np.int64))
            tail = op("Slice", [x, const(np.array([-1], np.int64)), big, ax])
            head = op("Slice", [x, const(np.array([0], np.int64)), const(np.array([1], np.int64)), ax])
            x = op("Concat", [tail, x, head], axis=axis)
        return op("Conv", [x, const(weights(cout, cin, 3, 3, fan=9 * cin)), const(np.zeros(cout, np.float32))], kernel_shape=[3, 3])

    def per_channel(cout, bias):
        g = op("Gemm", ["z", const(weights(cout, G, fan=G) * 0.2), const(bias.astype(np.float32))], transB=1)
        return op("Reshape", [g, const(np.array([-1, cout, 1, 1], np.int64))])

    x = op("Add", [circ_conv("noise", L, WIDTHS[0]), per_channel(WIDTHS[0], np.zeros(WIDTHS[0]))])
    x = op("Relu", [x])
    for cin, cout in zip(WIDTHS, WIDTHS[1:]):
        x = op("Resize", [x, "", const(np.array([1, 1, 2, 2], np.float32))], mode="nearest",
               coordinate_transformation_mode="asymmetric", nearest_mode="floor")
        x = circ_conv(x, cin, cout)
        x = op("Mul", [x, per_channel(cout, np.ones(cout))])
        x = op("Relu", [op("Add", [x, per_channel(cout, np.zeros(cout))])])
    x = op("Tanh", [circ_conv(x, WIDTHS[-1], C)])
    nodes.append(helper.make_node("Identity", [x], ["image"]))
    graph = helper.make_graph(nodes, "texture-bench",
                              [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["N", G]),
                               helper.make_tensor_value_info("noise", TensorProto.FLOAT, ["N", L, "h", "w"])],
                              [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", C, "H", "W"])], inits)
    model = helper.make_model(graph, producer_name="wasserforge-bench", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    meta = {"wasserforge.contract_version": "2", "wasserforge.kind": "texture", "wasserforge.latent_dim": str(G),
            "wasserforge.channels": str(C), "wasserforge.width": "64", "wasserforge.height": "64", "wasserforge.tileable": "true",
            "wasserforge.noise_channels": str(L), "wasserforge.noise_scale": "8", "wasserforge.noise_halo": "2",
            "wasserforge.noise_layout": "wf-noise-1"}
    for key, value in meta.items():
        model.metadata_props.add(key=key, value=value)
    onnx.checker.check_model(model)
    onnx.save(model, path)


if __name__ == "__main__":
    main(sys.argv[1])
