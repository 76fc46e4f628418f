#!/usr/bin/python3
"""Builds the DCGAN-like generators the runtime benchmark times (not committed: made at bench time).

usage: /usr/bin/python3 make_models.py OUT_DIR

Per size S in 32, 64, 128: z[N,128] -> Gemm -> [N,512,4,4] -> ReLU -> ConvTranspose(k4,s2,p1)+ReLU
(channels halve from 512, never below 32) ... -> ConvTranspose to 3 channels -> Tanh -> image[N,3,S,S],
with seeded random weights and the model contract's metadata. Writes dcgan_S.onnx and
dcgan_S.json ({"macs": multiply-adds per sample}) counted from the layer shapes.
"""
import json
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save

LATENT = 128


def build(size, rng):
    inits, nodes, macs = [], [], 0
    c, h = 512, 4
    w = (rng.standard_normal((LATENT, c * h * h)) / np.sqrt(LATENT)).astype(np.float32)
    b = np.zeros(c * h * h, np.float32)
    inits += [numpy_helper.from_array(w, "fc_w"), numpy_helper.from_array(b, "fc_b"),
              numpy_helper.from_array(np.array([-1, c, h, h], np.int64), "fc_shape")]
    nodes += [helper.make_node("Gemm", ["z", "fc_w", "fc_b"], ["fc"]),
              helper.make_node("Reshape", ["fc", "fc_shape"], ["x0"]),
              helper.make_node("Relu", ["x0"], ["a0"])]
    macs += LATENT * c * h * h
    x, i = "a0", 0
    while h < size:
        last = h * 2 == size
        out_c = 3 if last else max(c // 2, 32)
        wt = (rng.standard_normal((c, out_c, 4, 4)) / np.sqrt(c * 4)).astype(np.float32)
        bt = np.zeros(out_c, np.float32)
        inits += [numpy_helper.from_array(wt, f"ct{i}_w"), numpy_helper.from_array(bt, f"ct{i}_b")]
        y = f"ct{i}"
        nodes.append(helper.make_node("ConvTranspose", [x, f"ct{i}_w", f"ct{i}_b"], [y], kernel_shape=[4, 4], strides=[2, 2], pads=[1, 1, 1, 1]))
        macs += c * out_c * 4 * 4 * h * h        # every input pixel scatters a 4x4 kernel per (in, out) pair
        act = "image" if last else f"a{i + 1}"
        nodes.append(helper.make_node("Tanh" if last else "Relu", [y], [act]))
        x, c, h, i = act, out_c, h * 2, i + 1
    graph = helper.make_graph(nodes, f"dcgan_{size}",
                              [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["N", LATENT])],
                              [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, size, size])], inits)
    model = helper.make_model(graph, producer_name="wasserforge-bench", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    meta = {"wasserforge.contract_version": "1", "wasserforge.kind": "image", "wasserforge.latent_dim": str(LATENT),
            "wasserforge.width": str(size), "wasserforge.height": str(size), "wasserforge.channels": "3",
            "wasserforge.value_range": "-1,1", "wasserforge.color_space": "srgb", "wasserforge.tileable": "false",
            "wasserforge.created_by": "Tools~/bench/runtime/make_models.py"}
    for k, v in meta.items():
        model.metadata_props.add(key=k, value=v)
    return model, macs


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for size in (32, 64, 128):
        model, macs = build(size, np.random.default_rng(size))
        save(model, os.path.join(out, f"dcgan_{size}.onnx"))
        with open(os.path.join(out, f"dcgan_{size}.json"), "w") as f:
            json.dump({"macs": macs}, f)


if __name__ == "__main__":
    main()
