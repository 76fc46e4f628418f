#!/usr/bin/python3
"""Makes the tiny fixture generators the runtime tests load, with Debian's python3-onnx and numpy.

Run: /usr/bin/python3 Tests/Fixtures/make_fixtures.py   (rewrites the files next to this script)

Good fixtures: z[N, L] -> Gemm -> Tanh -> Reshape [N, C, H, W], fixed seeded weights, the model
contract's metadata. expected_outputs.json holds outputs for fixed latents computed independently
with numpy (float64, rounded to float32). Broken fixtures each break one rule of the contract.
The contract version is in every file name (_v1_).
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
CONTRACT = "wasserforge.contract_version"


def metadata(kind, latent, channels, width=None, height=None, version="1", drop=(), extra=None):
    m = {CONTRACT: version, "wasserforge.kind": kind, "wasserforge.latent_dim": str(latent),
         "wasserforge.channels": str(channels), "wasserforge.value_range": "-1,1",
         "wasserforge.created_by": "make_fixtures.py"}
    if kind == "image":
        m.update({"wasserforge.width": str(width), "wasserforge.height": str(height),
                  "wasserforge.color_space": "srgb", "wasserforge.tileable": "false"})
    m.update(extra or {})
    for k in drop:
        m.pop(k, None)
    return m


def gemm_model(name, latent, out_shape, seed, meta, in_name="z", out_name="image", in_type=TensorProto.FLOAT,
               batch="N", tanh=True, latent_in_graph=None, out_type=TensorProto.FLOAT):
    rng = np.random.default_rng(seed)
    out_features = int(np.prod(out_shape))
    w = (rng.standard_normal((latent, out_features)) * 0.5).astype(np.float32)
    b = (rng.standard_normal(out_features) * 0.1).astype(np.float32)
    nodes = []
    src = in_name
    if in_type != TensorProto.FLOAT:
        nodes.append(helper.make_node("Cast", [in_name], ["zf"], to=TensorProto.FLOAT))
        src = "zf"
    nodes.append(helper.make_node("Gemm", [src, "W", "B"], ["h"]))
    nodes.append(helper.make_node("Tanh" if tanh else "Identity", ["h"], ["t"]))
    if out_type != TensorProto.FLOAT:
        nodes.append(helper.make_node("Reshape", ["t", "shape"], ["r"]))
        nodes.append(helper.make_node("Cast", ["r"], [out_name], to=out_type))
    else:
        nodes.append(helper.make_node("Reshape", ["t", "shape"], [out_name]))
    shape = np.array([-1] + list(out_shape), dtype=np.int64)
    lat = latent_in_graph or latent
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info(in_name, in_type, [batch, lat])],
        [helper.make_tensor_value_info(out_name, out_type, [batch] + list(out_shape))],
        [numpy_helper.from_array(w, "W"), numpy_helper.from_array(b, "B"), numpy_helper.from_array(shape, "shape")])
    model = helper.make_model(graph, producer_name="wasserforge-fixtures", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    for k, v in meta.items():
        model.metadata_props.add(key=k, value=v)
    onnx.checker.check_model(model)
    return model, w, b


def save(model, file):
    onnx.save(model, os.path.join(HERE, file))


def main():
    expected = {}
    latents = np.array([[((i * 7 + j * 3) % 11 - 5) / 4.0 for j in range(8)] for i in range(3)], dtype=np.float32)

    good = [
        ("generator_v1_rgb_4x4.onnx", 8, (3, 4, 4), 1, metadata("image", 8, 3, 4, 4)),
        ("generator_v1_gray_4x2.onnx", 8, (1, 2, 4), 2, metadata("image", 8, 1, 4, 2)),
        ("generator_v1_rgba_2x2.onnx", 8, (4, 2, 2), 3, metadata("image", 8, 4, 2, 2)),
    ]
    for file, latent, shape, seed, meta in good:
        model, w, b = gemm_model(file, latent, shape, seed, meta)
        save(model, file)
        out = np.tanh(latents.astype(np.float64) @ w.astype(np.float64) + b.astype(np.float64))
        expected[file] = {"latents": latents.tolist(), "shape": [len(latents)] + list(shape),
                          "output": out.astype(np.float32).reshape(-1).tolist()}

    pts_lat = np.array([[0.5, -1.0], [2.0, 0.25]], dtype=np.float32)
    model, w, b = gemm_model("points_v1_2d.onnx", 2, (2,), 4, metadata("points", 2, 2), tanh=False)
    save(model, "points_v1_2d.onnx")
    out = pts_lat.astype(np.float64) @ w.astype(np.float64) + b.astype(np.float64)
    expected["points_v1_2d.onnx"] = {"latents": pts_lat.tolist(), "shape": [2, 2],
                                     "output": out.astype(np.float32).reshape(-1).tolist()}

    meta = metadata("image", 8, 3, 4, 4)
    broken = {
        "broken_v1_input_name.onnx": dict(in_name="latent"),
        "broken_v1_output_name.onnx": dict(out_name="rgb"),
        "broken_v1_fixed_batch.onnx": dict(batch=1),
        "broken_v1_int64_input.onnx": dict(in_type=TensorProto.INT64),
        "broken_v1_float64_output.onnx": dict(out_type=TensorProto.DOUBLE),
    }
    for file, kw in broken.items():
        save(gemm_model(file, 8, (3, 4, 4), 5, meta, **kw)[0], file)
    save(gemm_model("broken_v1_latent_mismatch.onnx", 8, (3, 4, 4), 5, metadata("image", 16, 3, 4, 4))[0], "broken_v1_latent_mismatch.onnx")
    save(gemm_model("broken_v1_shape_mismatch.onnx", 8, (3, 4, 4), 5, metadata("image", 8, 3, 8, 8))[0], "broken_v1_shape_mismatch.onnx")
    save(gemm_model("broken_v1_no_metadata.onnx", 8, (3, 4, 4), 5, {})[0], "broken_v1_no_metadata.onnx")
    save(gemm_model("broken_v1_missing_width.onnx", 8, (3, 4, 4), 5, metadata("image", 8, 3, 4, 4, drop=("wasserforge.width",)))[0], "broken_v1_missing_width.onnx")
    save(gemm_model("broken_v99_contract.onnx", 8, (3, 4, 4), 5, metadata("image", 8, 3, 4, 4, version="99"))[0], "broken_v99_contract.onnx")
    # A latent length far past ModelContract.MaxLatentDim, with a dynamic latent dimension in the graph
    # so only the metadata says it (issue 12: 1e9 used to allocate 4 GB of latents before failing).
    save(gemm_model("broken_v1_huge_latent.onnx", 8, (3, 4, 4), 5, metadata("image", 1000000000, 3, 4, 4), latent_in_graph="L")[0],
         "broken_v1_huge_latent.onnx")

    # Valid by the contract, wrong in their values: a generator that diverged in training. Bias value 5
    # (channel 0, row 1, column 1 of every sample) is NaN, or +inf without the tanh.
    for file, value, tanh in (("generator_v1_nan_4x4.onnx", np.nan, True), ("generator_v1_inf_4x4.onnx", np.inf, False)):
        model, _, b = gemm_model(file, 8, (3, 4, 4), 6, metadata("image", 8, 3, 4, 4), tanh=tanh)
        b = b.copy()
        b[5] = value
        for t in model.graph.initializer:
            if t.name == "B":
                t.CopyFrom(numpy_helper.from_array(b, "B"))
        save(model, file)

    # {fixture: {"shape": [N, ...], "latents": [N*L floats], "output": [flat floats]}}; float32 values
    # written with Python's shortest round-trip repr of their float64 value.
    flat = {f: {"shape": e["shape"], "latents": [float(v) for row in e["latents"] for v in row],
                "output": [float(v) for v in e["output"]]} for f, e in expected.items()}
    with open(os.path.join(HERE, "expected_outputs.json"), "w") as f:
        json.dump(flat, f, indent=1)
        f.write("\n")

if __name__ == "__main__":
    main()
