using System;

/// <summary>
/// SHA-256 (FIPS 180-4) in plain managed code, for the golden-hash checks: the platform's
/// System.Security.Cryptography needs OpenSSL on Linux, which an emulated ARM64 process
/// (arm64-check.sh) does not have. A wrong digest cannot pass unseen: the golden hashes it is compared
/// with come from Python's hashlib and the .NET tests.
/// </summary>
internal static class Sha256
{
    static readonly uint[] K =
    {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };

    static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));

    public static byte[] Hash(byte[] data)
    {
        uint[] h = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
        // Message + 0x80 + zero padding + 64-bit big-endian bit length, to a multiple of 64 bytes.
        var total = ((data.Length + 8) / 64 + 1) * 64;
        var m = new byte[total];
        Array.Copy(data, m, data.Length);
        m[data.Length] = 0x80;
        var bits = (ulong)data.Length * 8;
        for (var i = 0; i < 8; i++) m[total - 1 - i] = (byte)(bits >> (8 * i));
        var w = new uint[64];
        for (var block = 0; block < total; block += 64)
        {
            for (var t = 0; t < 16; t++)
                w[t] = (uint)(m[block + 4 * t] << 24 | m[block + 4 * t + 1] << 16 | m[block + 4 * t + 2] << 8 | m[block + 4 * t + 3]);
            for (var t = 16; t < 64; t++)
            {
                var s0 = Rotr(w[t - 15], 7) ^ Rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
                var s1 = Rotr(w[t - 2], 17) ^ Rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }
            uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
            for (var t = 0; t < 64; t++)
            {
                var t1 = k + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
                var t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
                k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
            }
            h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
        }
        var digest = new byte[32];
        for (var i = 0; i < 8; i++)
            for (var j = 0; j < 4; j++) digest[4 * i + j] = (byte)(h[i] >> (24 - 8 * j));
        return digest;
    }
}
