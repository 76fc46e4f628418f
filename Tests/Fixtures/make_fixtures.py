#!/usr/bin/python3
"""Makes the tiny fixture generators the runtime tests load, with Debian's python3-onnx and numpy.

Run: /usr/bin/python3 Tests/Fixtures/make_fixtures.py   (rewrites the files next to this script)

Good fixtures: z[N, L] -> Gemm -> Tanh -> Reshape [N, C, H, W], fixed seeded weights, the model
contract's metadata. expected_outputs.json holds outputs for fixed latents computed independently
with numpy (float64, rounded to float32). Broken fixtures each break one rule of the contract.
The contract version is in every file name (_v1_, _v2_).

texture_v2_rgb_s4.onnx is a texture generator (contract version 2): z and spatial noise in, an image
of any size out. expected_texture_outputs.json holds its outputs computed by the same network written
in PyTorch (float64, circular padding by F.pad), with the noise made by an independent wf-noise-1
(Tests/Runtime/Latent/reference_latents.py). Needs python3-torch besides python3-onnx.
"""
import json
import os
import sys

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


# ---- Texture generator (contract version 2, kind "texture"): see Documentation~/model-contract.md ----
# z [N, 8] global code, noise [N, 4, h, w] local noise (h, w dynamic) -> image [N, 3, 4h, 4w], tiling
# seamlessly by circular padding. Layers (only the contract's ops):
#   x = Conv3x3(circpad(noise)) + Reshape(Gemm(z), [N, 8, 1, 1]);  Relu;  Resize x2 (nearest)
#   x = Conv3x3(circpad(x));  x = x * Reshape(Gemm(z) [+1 in the bias]) + Reshape(Gemm(z));  Relu;  Resize x2
#   x = Conv3x3(circpad(x));  Tanh;  Identity -> image
# noise_scale 4; noise_halo 2 = ceil(1/1 + 1/2 + 1/4) noise cells.
TEX = dict(file="texture_v2_rgb_s4.onnx", latent=8, noise=4, width=8, channels=3, scale=4, halo=2, size=16)


def texture_weights(seed=21):
    rng = np.random.default_rng(seed)
    L, G, F, C = TEX["noise"], TEX["latent"], TEX["width"], TEX["channels"]
    r = lambda *s, k=0.4: (rng.standard_normal(s) * k).astype(np.float32)
    return {"w1": r(F, L, 3, 3), "b1": r(F, k=0.1), "g1": r(F, G, k=0.3),
            "w2": r(F, F, 3, 3, k=0.25), "b2": r(F, k=0.1), "gs": r(F, G, k=0.1), "bs": r(F, k=0.1), "gb": r(F, G, k=0.1), "bb": r(F, k=0.1),
            "w3": r(C, F, 3, 3, k=0.3), "b3": r(C, k=0.1)}


def texture_model(w, meta, noise_in="noise", noise_dims=("N", 4, "h", "w"), out_dims=("N", 3, "H", "W")):
    nodes, inits = [], []
    count = [0]

    def const(arr):
        count[0] += 1
        name = f"c{count[0]}"
        inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def op(t, ins, **attrs):
        count[0] += 1
        out = f"{t.lower()}{count[0]}"
        nodes.append(helper.make_node(t, ins, [out], **attrs))
        return out

    def circ_pad(x):
        big = const(np.array([2 ** 62], np.int64))
        for axis in (2, 3):
            ax = const(np.array([axis], np.int64))
            tail = op("Slice", [x, const(np.array([-1], np.int64)), big, ax])
            head = op("Slice", [x, const(np.array([0], np.int64)), const(np.array([1], np.int64)), ax])
            x = op("Concat", [tail, x, head], axis=axis)
        return x

    def per_channel(name_w, bias):   # Reshape(Gemm(z, W^T, b), [N, F, 1, 1])
        g = op("Gemm", ["z", const(w[name_w]), const(bias)], transB=1)
        return op("Reshape", [g, const(np.array([-1, w[name_w].shape[0], 1, 1], np.int64))])

    def up(x):
        return op("Resize", [x, "", const(np.array([1, 1, 2, 2], np.float32))], mode="nearest",
                  coordinate_transformation_mode="asymmetric", nearest_mode="floor")

    x = op("Conv", [circ_pad(noise_in), const(w["w1"]), const(w["b1"])], kernel_shape=[3, 3])
    x = op("Add", [x, per_channel("g1", np.zeros(w["g1"].shape[0], np.float32))])
    x = up(op("Relu", [x]))
    x = op("Conv", [circ_pad(x), const(w["w2"]), const(w["b2"])], kernel_shape=[3, 3])
    x = op("Mul", [x, per_channel("gs", w["bs"] + np.float32(1))])
    x = op("Add", [x, per_channel("gb", w["bb"])])
    x = up(op("Relu", [x]))
    x = op("Conv", [circ_pad(x), const(w["w3"]), const(w["b3"])], kernel_shape=[3, 3])
    nodes.append(helper.make_node("Identity", [op("Tanh", [x])], ["image"]))
    graph = helper.make_graph(nodes, "texture",
                              [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["N", TEX["latent"]]),
                               helper.make_tensor_value_info(noise_in, TensorProto.FLOAT, list(noise_dims))],
                              [helper.make_tensor_value_info("image", TensorProto.FLOAT, list(out_dims))], inits)
    model = helper.make_model(graph, producer_name="wasserforge-fixtures", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    for k, v in meta.items():
        model.metadata_props.add(key=k, value=v)
    onnx.checker.check_model(model)
    return model


def texture_metadata():
    m = metadata("image", TEX["latent"], TEX["channels"], TEX["size"], TEX["size"], version="2")
    m.update({"wasserforge.kind": "texture", "wasserforge.tileable": "true", "wasserforge.noise_channels": str(TEX["noise"]),
              "wasserforge.noise_scale": str(TEX["scale"]), "wasserforge.noise_halo": str(TEX["halo"]),
              "wasserforge.noise_layout": "wf-noise-1"})
    return m


def texture_reference(w, z, noise):
    """The same network in PyTorch (float64): circular padding by F.pad, not by the graph's Slice/Concat."""
    import torch
    import torch.nn.functional as F
    t = lambda a: torch.from_numpy(np.asarray(a, np.float64))
    z, x = t(z), t(noise)
    col = lambda v: v[:, :, None, None]
    conv = lambda x, k, b: F.conv2d(F.pad(x, (1, 1, 1, 1), mode="circular"), t(w[k]), t(w[b]))
    x = conv(x, "w1", "b1") + col(z @ t(w["g1"]).T)
    x = F.interpolate(torch.relu(x), scale_factor=2, mode="nearest")
    x = conv(x, "w2", "b2") * col(z @ t(w["gs"]).T + t(w["bs"]) + 1) + col(z @ t(w["gb"]).T + t(w["bb"]))
    x = F.interpolate(torch.relu(x), scale_factor=2, mode="nearest")
    return torch.tanh(conv(x, "w3", "b3")).numpy()


def wf_noise_1(seed, channels, h, w):
    """Layout wf-noise-1: cell (y, x) = the first `channels` values of wf-normal-1 for
    seed + 0x9E3779B97F4A7C15 * (1 + y * 65536 + x) (mod 2^64); returns [channels, h, w] float32."""
    sys.path.insert(0, os.path.join(HERE, "..", "Runtime", "Latent"))
    from reference_latents import sample
    out = np.zeros((channels, h, w), np.float32)
    for y in range(h):
        for x in range(w):
            out[:, y, x] = np.array(sample((seed + 0x9E3779B97F4A7C15 * (1 + y * 65536 + x)) & ((1 << 64) - 1), channels), np.float32)
    return out


def texture_fixtures(expected):
    w = texture_weights()
    save(texture_model(w, texture_metadata()), TEX["file"])
    sys.path.insert(0, os.path.join(HERE, "..", "Runtime", "Latent"))
    from reference_latents import sample
    cases = []
    # (z seed, noise seed, width, height): the default size, a non-square size and a size past one tile.
    for zs, ns, width, height in ((17, 0, 16, 16), (5, 9, 24, 12), (3, 4, 40, 36)):
        z = np.array([sample(zs, TEX["latent"])], np.float32)
        noise = wf_noise_1(ns, TEX["noise"], height // TEX["scale"], width // TEX["scale"])[None]
        out = texture_reference(w, z, noise).astype(np.float32)
        cases.append({"z_seed": zs, "noise_seed": ns, "width": width, "height": height,
                      "z": [float(v) for v in z.reshape(-1)], "noise": [float(v) for v in noise.reshape(-1)],
                      "output": [float(v) for v in out.reshape(-1)]})
    expected[TEX["file"]] = cases
    # Contract breaks of the texture kind (the rest are unit-tested on signatures): noise input misnamed,
    # noise with fixed spatial dimensions.
    save(texture_model(w, texture_metadata(), noise_in="local"), "broken_v2_texture_noise_name.onnx")
    save(texture_model(w, texture_metadata(), noise_dims=("N", 4, 4, 4)), "broken_v2_texture_fixed_noise.onnx")


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

    # {fixture: [{"z_seed", "noise_seed", "width", "height", "z": [L], "noise": [Lc*h*w], "output": [C*H*W]}]}:
    # the texture model's output for wf-normal-1 z and wf-noise-1 noise, computed by PyTorch in float64.
    textures = {}
    texture_fixtures(textures)
    with open(os.path.join(HERE, "expected_texture_outputs.json"), "w") as f:
        json.dump(textures, f)
        f.write("\n")

if __name__ == "__main__":
    main()
