#!/usr/bin/env python3
"""Independent implementation of Wasserforge's "wf-normal-1" latent sampler and of LatentMath.Slerp
(see Runtime/Latent/ and Documentation~/latent-space.md), in plain Python: integers are exact and
floats are IEEE doubles with correctly rounded + - * / and sqrt, so the output is what every
platform must produce. Nothing here calls math.log/sin/cos/atan.

Run (any python3): python3 Tests/Runtime/Latent/reference_latents.py [--out DIR]
It rewrites, next to itself (or in DIR):
  golden_latents.txt  each line: seed, then the float32 bit patterns (hex) of the first 16 values
  golden_slerp.txt    each line: case, t, then the float32 bit patterns of slerp(a, b, t) (16 values)
"""
import math
import os
import struct
import sys

M64 = (1 << 64) - 1
LN2 = 0.6931471805599453094172321


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


class Xoshiro:
    def __init__(self, seed):
        x = seed
        self.s = []
        for _ in range(4):
            x, v = splitmix64(x)
            self.s.append(v)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def next_double(self):
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)


def det_log(x):
    m, e = math.frexp(x)          # x = m * 2**e, m in [0.5, 1): exact
    m, e = m * 2.0, e - 1         # [1, 2)
    if m > 1.4142135623730951:
        m, e = m * 0.5, e + 1
    t = (m - 1.0) / (m + 1.0)
    t2 = t * t
    s = 1.0 / 27
    for k in range(25, 0, -2):
        s = s * t2 + 1.0 / k
    return 2.0 * t * s + e * LN2


def f32(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def sample(seed, n):
    rng = Xoshiro(seed)
    out = []
    while len(out) < n:
        while True:
            v1 = 2.0 * rng.next_double() - 1.0
            v2 = 2.0 * rng.next_double() - 1.0
            s = v1 * v1 + v2 * v2
            if 0.0 < s < 1.0:
                break
        f = math.sqrt(-2.0 * det_log(s) / s)
        out.append(v1 * f)
        if len(out) < n:
            out.append(v2 * f)
    return out


HALF_PI = math.pi * 0.5


def det_sincos(x):
    k = float(math.floor(x / HALF_PI + 0.5))
    r = x - k * HALF_PI
    r2 = r * r
    s = 1.0
    c = 1.0
    for n in range(9, 0, -1):
        s = 1.0 - r2 * s / ((2.0 * n) * (2.0 * n + 1.0))
        c = 1.0 - r2 * c / ((2.0 * n - 1.0) * (2.0 * n))
    s = s * r
    quadrant = int(k - 4.0 * math.floor(k / 4.0))
    return [(s, c), (c, -s), (-s, -c), (-c, s)][quadrant]


def det_atan_unit(z):
    for _ in range(3):
        z = z / (1.0 + math.sqrt(1.0 + z * z))
    z2 = z * z
    acc = 1.0 / 19
    for k in range(17, 0, -2):
        acc = 1.0 / k - z2 * acc
    return 8.0 * z * acc


def det_atan2(y, x):
    ax, ay = abs(x), abs(y)
    if ax == 0 and ay == 0:
        return 0.0
    a = det_atan_unit(ay / ax) if ay <= ax else HALF_PI - det_atan_unit(ax / ay)
    if x < 0:
        a = math.pi - a
    return -a if y < 0 else a


def to_f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def slerp(a, b, t):
    """a, b: lists of float32 values (as Python floats); t: a float32 value."""
    if t == 0.0:
        return list(a)
    if t == 1.0:
        return list(b)
    na2 = nb2 = ab = 0.0
    for x, y in zip(a, b):
        na2 += x * x
        nb2 += y * y
        ab += x * y
    na, nb = math.sqrt(na2), math.sqrt(nb2)
    assert na != 0 and nb != 0
    cos = ab / (na * nb)
    q2 = 0.0
    for x, y in zip(a, b):
        qi = y / nb - cos * (x / na)
        q2 += qi * qi
    q = math.sqrt(q2)
    norm = na + (nb - na) * t
    if q <= 1e-10 and cos > 0:
        f = norm / na
        return [to_f32(x * f) for x in a]
    omega = det_atan2(q, cos)
    st, ct = det_sincos(t * omega)
    out = []
    if q > 1e-10:
        for x, y in zip(a, b):
            ai = x / na
            ei = (y / nb - cos * ai) / q
            out.append(to_f32((ct * ai + st * ei) * norm))
        return out
    k = min(range(len(a)), key=lambda i: (abs(a[i]), i))
    ak = a[k] / na
    pn = math.sqrt(max(1.0 - ak * ak, 1e-300))
    for i, x in enumerate(a):
        ai = x / na
        ei = ((1.0 if i == k else 0.0) - ak * ai) / pn
        out.append(to_f32((ct * ai + st * ei) * norm))
    return out


def slerp_case(name):
    """The latent pairs the C# test rebuilds from the case name."""
    kind, *seeds = name.split(":")
    a = [to_f32(v) for v in sample(int(seeds[0]), 16)]
    if kind == "seeds":
        b = [to_f32(v) for v in sample(int(seeds[1]), 16)]
    elif kind == "psi":
        b = [to_f32(to_f32(v) * to_f32(0.5)) for v in sample(int(seeds[1]), 16)]
    elif kind == "parallel":
        b = [x * 2.0 for x in a]
    elif kind == "opposite":
        b = [-x for x in a]
    elif kind == "nearopposite":
        b = [-x for x in a]
        b[0] = to_f32(-a[0] + 1e-3)
    else:
        raise ValueError(name)
    return a, b


SLERP_CASES = ["seeds:1:2", "psi:6:7", "parallel:3", "opposite:4", "nearopposite:5"]
SLERP_TS = [0.25, 0.5, 0.75, 1.5, -0.25]
SEEDS = [0, 1, 2, 42, 1234, 2**32 + 7, 2**63 - 1, 2**64 - 1]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    if "--out" in sys.argv:
        here = sys.argv[sys.argv.index("--out") + 1]
    with open(os.path.join(here, "golden_latents.txt"), "w", newline="\n") as f:
        for seed in SEEDS:
            f.write("%d %s\n" % (seed, " ".join("%08x" % f32(v) for v in sample(seed, 16))))
    with open(os.path.join(here, "golden_slerp.txt"), "w", newline="\n") as f:
        for name in SLERP_CASES:
            a, b = slerp_case(name)
            for t in SLERP_TS:
                f.write("%s %r %s\n" % (name, t, " ".join("%08x" % f32(v) for v in slerp(a, b, t))))


if __name__ == "__main__":
    main()
