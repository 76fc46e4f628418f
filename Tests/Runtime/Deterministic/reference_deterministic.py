#!/usr/bin/python3
"""Independent implementation of the deterministic device's arithmetic ("wf-fixed-1", see
Runtime/Deterministic/ and Documentation~/deterministic.md) in Python with numpy int64 and exact
Python integers: no floating-point operation touches a value after it is read from the file. It reads
the generators with python3-onnx, samples the latents with the independent latent sampler
(Tests/Runtime/Latent/reference_latents.py) and prints the SHA-256 of the RGBA32 pixels of each
golden case, which GoldenHashTests reads from golden_hashes.txt.

Written from the device's specification, not by translating its loops: sums are plain exact integer
matrix products and scatter-adds (no tiles, chunks, phases or threads), and 8-bit levels come from
the rational formula directly. Where it agrees with the C# device, the result depends only on the
specification.

Run: /usr/bin/python3 Tests/Runtime/Deterministic/reference_deterministic.py   (rewrites golden_hashes.txt)
"""
import hashlib
import os
import struct
import sys

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "Runtime", "Latent"))
import reference_latents  # noqa: E402

A = 14                        # activation bits: |q| <= 2**A
LIMIT = 1 << A
CHUNK = 16                    # taps per 32-bit chunk
BOUND = (2 ** 31 - 1) >> A    # sum of |w| over a chunk
MIN = None                    # magnitude class of zero
Q = 30
ONE = 1 << Q
LN2 = 744261118
EXP_TABLE = [1073741824, 1040706261, 1008687096, 977653056, 947573834, 918420052, 890163238, 862775794,
             836230973, 810502851, 785566300, 761396966, 737971244, 715266256, 693259826, 671930464,
             651257337, 631220255, 611799650, 592976553, 574732583, 557049920, 539911296]

CASES = [
    ("Samples~/TextureFromSeed/ProceduralTextures.onnx", 1, 8, 1.0),
    ("Samples~/TextureFromSeed/ProceduralTextures.onnx", 1000, 3, 0.7),
    ("Samples~/TextureFromSeed/ProceduralTextures.onnx", 18446744073709551615, 1, 0.5),
    ("Tests/Fixtures/generator_v1_tileable_16.onnx", 1, 8, 1.0),
    ("Tests/Fixtures/generator_v1_tileable_16.onnx", 77, 5, 0.7),
    ("Tests/Fixtures/generator_v1_sprite_rgba_16.onnx", 1, 8, 1.0),
    ("Tests/Fixtures/generator_v1_sprite_rgba_16.onnx", 4242, 6, 0.8),
]


# ---- exact integer helpers -------------------------------------------------------------------

def round_shift(v, s):
    """round(v / 2**s), halves up (Python ints)."""
    if s <= 0:
        return 0 if s <= -63 else v << -s
    if s >= 63:
        return 0
    return (v + (1 << (s - 1))) >> s


def round_shift_np(v, s):
    """round_shift on an int64 array with one shift or an array of shifts."""
    v = np.asarray(v, dtype=np.int64)
    s = np.broadcast_to(np.asarray(s, dtype=np.int64), v.shape)
    out = np.zeros_like(v)
    left = s <= 0
    ok = left & (s > -63)
    out[ok] = v[ok] << (-s[ok])
    right = (s > 0) & (s < 63)
    out[right] = (v[right] + (np.int64(1) << (s[right] - 1))) >> s[right]
    return out


def decompose(x):
    """A float32 as mantissa * 2**exponent, from its bits."""
    bits = struct.unpack("<I", struct.pack("<f", float(x)))[0]
    biased, frac = (bits >> 23) & 0xFF, bits & 0x7FFFFF
    assert biased != 0xFF, "NaN or infinity"
    m, e = (frac, -149) if biased == 0 else (frac | 0x800000, biased - 150)
    return (-m if bits >> 31 else m), e


def decompose_np(a):
    bits = np.asarray(a, dtype=np.float32).view(np.uint32).astype(np.int64)
    biased, frac = (bits >> 23) & 0xFF, bits & 0x7FFFFF
    m = np.where(biased == 0, frac, frac | 0x800000)
    e = np.where(biased == 0, -149, biased - 150)
    return np.where(bits >> 31 == 1, -m, m), e


def bit_length_np(m):
    m = np.abs(np.asarray(m, dtype=np.int64))
    out = np.zeros(m.shape, dtype=np.int64)
    for b in range(63):
        out += (m >> b) > 0
    return out


def magnitude(x):
    m, e = decompose(x)
    return MIN if m == 0 else abs(m).bit_length() + e


def exponent_for(r):
    return A if r is MIN else A - r


def quantize_np(a, f):
    m, e = decompose_np(a)
    return round_shift_np(m, -(e + f))


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


# ---- weights ---------------------------------------------------------------------------------

def row_exponents(matrices):
    """matrices: list of float32 arrays [rows, taps_i] (taps in the device's order). Per row, the
    largest exponent e with sum(|round(w*2**e)|) <= BOUND over every chunk of CHUNK taps."""
    rows = matrices[0].shape[0]
    out = []
    for r in range(rows):
        ws = [m[r] for m in matrices]
        mags = []
        for w in ws:
            mm, ee = decompose_np(w)
            nz = mm != 0
            if nz.any():
                mags.append(int((bit_length_np(mm[nz]) + ee[nz]).max()))
        if not mags:
            out.append(0)
            continue
        top = max(mags)

        def worst(e):
            if top + e > 40:
                return 1 << 62
            best = 0
            for w in ws:
                q = np.abs(quantize_np(w, e))
                for start in range(0, len(q), CHUNK):
                    best = max(best, int(q[start:start + CHUNK].sum()))
            return best

        e = BOUND.bit_length() - 1 - top
        while True:
            wst = worst(e)
            if wst <= BOUND:
                break
            e -= max(1, wst.bit_length() - BOUND.bit_length())
        while worst(e + 1) <= BOUND:
            e += 1
        out.append(e)
    return np.array(out, dtype=np.int64)


# ---- tensors: (q int64 [N, ...], f int64 [N]) ------------------------------------------------

def linear_output(sums, ew, fx, bias):
    """sums: int64 [N, C, P] at exponent ew[c] + fx[n]; returns (q, f) of the rounded output."""
    n_, c_, p_ = sums.shape
    q = np.zeros(sums.shape, dtype=np.int64)
    f = np.zeros(n_, dtype=np.int64)
    for n in range(n_):
        vals, exps, best = [], [], MIN
        for c in range(c_):
            s = int(ew[c] + fx[n])
            shift, b = 0, 0
            if bias is not None:
                m, eb = decompose(bias[c])
                if m != 0:
                    t = eb + s
                    if t > 37:
                        shift, b = t - 37, m << 37
                    else:
                        b = round_shift(m, -t)
            v = round_shift_np(sums[n, c], shift) + b
            peak = int(np.abs(v).max())
            if peak:
                r = peak.bit_length() - (s - shift)
                best = r if best is MIN else max(best, r)
            vals.append(v)
            exps.append(s - shift)
        f[n] = exponent_for(best)
        for c in range(c_):
            q[n, c] = round_shift_np(vals[c], exps[c] - int(f[n]))
    return q, f


def gemm(x, node, init):
    at = attrs(node)
    w = init[node.input[1]].astype(np.float32)
    if at.get("transB", 0) == 0:
        w = w.T
    w = np.ascontiguousarray(w)
    ew = row_exponents([w])
    wq = np.stack([quantize_np(w[r], ew[r]) for r in range(w.shape[0])])
    q, fx = x
    sums = (q @ wq.T)[:, :, None]
    bias = init[node.input[2]].reshape(-1) if len(node.input) > 2 and node.input[2] else None
    y, fy = linear_output(sums, ew, fx, bias)
    return y[:, :, 0], fy


def conv(x, node, init):
    at = attrs(node)
    w = init[node.input[1]].astype(np.float32)
    co, ci, kh, kw = w.shape
    sh, sw = at.get("strides", [1, 1])
    pt, pl, pb, pr = at.get("pads", [0, 0, 0, 0])
    w2 = w.reshape(co, -1)
    ew = row_exponents([w2])
    wq = np.stack([quantize_np(w2[r], ew[r]) for r in range(co)])
    q, fx = x
    n, _, h, wd = q.shape
    xp = np.zeros((n, ci, h + pt + pb, wd + pl + pr), dtype=np.int64)
    xp[:, :, pt:pt + h, pl:pl + wd] = q
    ho, wo = (h + pt + pb - kh) // sh + 1, (wd + pl + pr - kw) // sw + 1
    cols = np.zeros((n, ci, kh, kw, ho, wo), dtype=np.int64)
    for ky in range(kh):
        for kx in range(kw):
            cols[:, :, ky, kx] = xp[:, :, ky:ky + sh * (ho - 1) + 1:sh, kx:kx + sw * (wo - 1) + 1:sw]
    sums = np.einsum("ok,nkp->nop", wq, cols.reshape(n, ci * kh * kw, ho * wo))
    bias = init[node.input[2]] if len(node.input) > 2 and node.input[2] else None
    y, fy = linear_output(sums, ew, fx, bias)
    return y.reshape(n, co, ho, wo), fy


def conv_transpose(x, node, init):
    at = attrs(node)
    w = init[node.input[1]].astype(np.float32)
    ci, co, kh, kw = w.shape
    sh, sw = at.get("strides", [1, 1])
    pt, pl, pb, pr = at.get("pads", [0, 0, 0, 0])
    oph, opw = at.get("output_padding", [0, 0])
    q, fx = x
    n, _, h, wd = q.shape
    ho, wo = (h - 1) * sh - pt - pb + kh + oph, (wd - 1) * sw - pl - pr + kw + opw
    # The row exponents follow the device's tap order: per output phase, taps (ci, ky, kx) with
    # ky = phase + top (mod stride) ascending; the quantized value of a weight does not depend on it.
    mats = []
    for py in range(sh):
        for px in range(sw):
            tys = [k for k in range(kh) if (py + pt - k) % sh == 0]
            txs = [k for k in range(kw) if (px + pl - k) % sw == 0]
            mats.append(np.ascontiguousarray(w[:, :, tys][:, :, :, txs].transpose(1, 0, 2, 3).reshape(co, -1)))
    ew = row_exponents(mats)
    wq = np.stack([quantize_np(w[:, c], ew[c]) for c in range(co)], axis=1)   # [ci, co, kh, kw]
    # Exact scatter-add over the full (uncropped) output, then crop the pads.
    full = np.zeros((n, co, (h - 1) * sh + kh + oph, (wd - 1) * sw + kw + opw), dtype=np.int64)
    for ky in range(kh):
        for kx in range(kw):
            full[:, :, ky:ky + sh * (h - 1) + 1:sh, kx:kx + sw * (wd - 1) + 1:sw] += np.einsum("io,nihw->nohw", wq[:, :, ky, kx], q)
    sums = full[:, :, pt:pt + ho, pl:pl + wo].reshape(n, co, -1)
    bias = init[node.input[2]] if len(node.input) > 2 and node.input[2] else None
    y, fy = linear_output(sums, ew, fx, bias)
    return y.reshape(n, co, ho, wo), fy


# ---- activations ---------------------------------------------------------------------------

def q30_mul(a, b):
    return round_shift(a * b, Q)


def exp_negative(u):
    k = u // LN2
    if k >= 62:
        return 0
    r = u - k * LN2
    j = r >> (Q - 5)
    d = r - (j << (Q - 5))
    p = ONE - q30_mul(d, ONE // 4)
    p = ONE - q30_mul(q30_mul(d, p), ONE // 3)
    p = ONE - q30_mul(q30_mul(d, p), ONE // 2)
    p = ONE - q30_mul(d, p)
    return round_shift(q30_mul(EXP_TABLE[j], p), k)


def to_q30(mag, f):
    return -1 if mag.bit_length() - f >= 16 else round_shift(mag, f - Q)


def tanh_q(q, f):
    if q == 0:
        return 0
    x = to_q30(abs(q), f)
    if x < 0 or x >= 10 << Q:
        y = LIMIT
    else:
        e = exp_negative(2 * x)
        y = (2 * ((ONE - e) << A) + (ONE + e)) // (2 * (ONE + e))
    return -y if q < 0 else y


def sigmoid_q(q, f):
    if q == 0:
        return LIMIT // 2
    x = to_q30(abs(q), f)
    e = 0 if x < 0 or x >= 20 << Q else exp_negative(x)
    num = ONE if q > 0 else e
    return (2 * (num << A) + (ONE + e)) // (2 * (ONE + e))


def curve(x, fn):
    q, f = x
    y = np.zeros_like(q)
    for n in range(q.shape[0]):
        table = np.array([fn(v, int(f[n])) for v in range(-LIMIT, LIMIT + 1)], dtype=np.int64)
        y[n] = table[q[n] + LIMIT]
    return y, np.full_like(f, A)


def leaky(x, alpha):
    q, f = x
    m, e = decompose(alpha)
    return np.where(q >= 0, q, round_shift_np(q * m, -e)), f


# ---- graph -----------------------------------------------------------------------------------

def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def run(model, z):
    init = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    latent = np.array(z, dtype=np.float32)
    fz = []
    for row in latent:                                   # each latent at the exponent of its largest magnitude
        mags = [magnitude(v) for v in row if v != 0]
        fz.append(exponent_for(max(mags) if mags else MIN))
    fz = np.array(fz, dtype=np.int64)
    qz = np.stack([quantize_np(latent[n], fz[n]) for n in range(latent.shape[0])])
    vals = {"z": (qz, fz)}
    for node in model.graph.node:
        x = vals.get(node.input[0])
        at = attrs(node)
        op = node.op_type
        if op == "Gemm":
            y = gemm(x, node, init)
        elif op == "Conv":
            y = conv(x, node, init)
        elif op == "ConvTranspose":
            y = conv_transpose(x, node, init)
        elif op == "Relu":
            y = (np.maximum(x[0], 0), x[1])
        elif op == "LeakyRelu":
            y = leaky(x, at.get("alpha", 0.01))
        elif op == "Tanh":
            y = curve(x, tanh_q)
        elif op == "Sigmoid":
            y = curve(x, sigmoid_q)
        elif op in ("Reshape", "Identity"):
            shape = [x[0].shape[0]] + [int(d) for d in init[node.input[1]][1:]] if op == "Reshape" else x[0].shape
            y = (x[0].reshape(shape), x[1])
        elif op == "Resize":
            s = init[node.input[2]]
            y = (x[0].repeat(int(s[2]), 2).repeat(int(s[3]), 3), x[1])
        elif op == "Slice":
            q = x[0]
            box = [slice(None)] * q.ndim
            axes = init[node.input[3]] if len(node.input) > 3 else range(len(init[node.input[1]]))
            for st, en, ax in zip(init[node.input[1]], init[node.input[2]], axes):
                ax = int(ax) % q.ndim
                dim = q.shape[ax]
                st = min(max(int(st) + dim if st < 0 else int(st), 0), dim)
                en = min(max(int(en) + dim if en < 0 else int(en), 0), dim)
                box[ax] = slice(st, en)
            y = (q[tuple(box)], x[1])
        elif op == "Concat":
            parts = [vals[i] for i in node.input]
            f = np.min(np.stack([p[1] for p in parts]), axis=0)
            aligned = [np.stack([round_shift_np(p[0][n], int(p[1][n] - f[n])) for n in range(len(f))]) for p in parts]
            y = (np.concatenate(aligned, axis=at["axis"]), f)
        else:
            raise SystemExit(f"operator {op} is not in the reference")
        vals[node.output[0]] = y
    return vals["image"]


def rgba(model, x):
    meta = {p.key: p.value for p in model.metadata_props}
    lo, hi = (float(v) for v in meta.get("wasserforge.value_range", "-1,1").split(","))
    (mn, en), (mx, ex) = decompose(f32(lo)), decompose(f32(hi))
    q, f = x
    n, c, h, w = q.shape
    out = np.zeros((n, h, w, 4), dtype=np.uint8)
    for i in range(n):
        s = max(int(f[i]), -en, -ex)
        a, b = mn << (en + s), mx << (ex + s)
        d = b - a
        vq = q[i].astype(object) * (1 << (s - int(f[i])))
        level = ((vq - a) * 510 + d) // (2 * d)                     # floor((v - min)/(max - min)*255 + 1/2)
        level = np.clip(level.astype(np.int64), 0, 255).astype(np.uint8)
        if c == 1:
            out[i, :, :, 0:3] = level[0][:, :, None]
        else:
            out[i, :, :, 0:3] = level[0:3].transpose(1, 2, 0)
        out[i, :, :, 3] = level[3] if c == 4 else 255
    return out.tobytes()


def main():
    lines = []
    models = {}
    for file, seed, count, psi in CASES:
        model = models.setdefault(file, onnx.load(os.path.join(ROOT, file)))
        dim = int(model.graph.input[0].type.tensor_type.shape.dim[1].dim_value)
        z = [[f32(f32(v) * f32(psi)) for v in reference_latents.sample((seed + i) % (1 << 64), dim)] for i in range(count)]
        digest = hashlib.sha256(rgba(model, run(model, z))).hexdigest()
        lines.append(f"{file} {seed} {count} {psi} {digest}")
        print(lines[-1], flush=True)
    with open(os.path.join(HERE, "golden_hashes.txt"), "w") as out:
        out.write("# file first-seed count psi sha256-of-rgba32 (written by reference_deterministic.py)\n")
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
