#!/usr/bin/env python3
"""Independent implementation of Wasserforge's "wf-normal-1" latent sampler (see
Runtime/Latent/LatentSampler.cs and Documentation~/latent-space.md), in plain Python: integers are
exact and floats are IEEE doubles, so the output is what every platform must produce.

Run: python3 Tests/Runtime/Latent/reference_latents.py > Tests/Runtime/Latent/golden_latents.txt
Each line: seed, then the float32 bit patterns (hex) of the first 16 values.
"""
import math
import struct

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


if __name__ == "__main__":
    for seed in [0, 1, 2, 42, 1234, 2**32 + 7, 2**63 - 1, 2**64 - 1]:
        print(seed, " ".join("%08x" % f32(v) for v in sample(seed, 16)))
