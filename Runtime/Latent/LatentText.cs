using System;
using System.Globalization;

namespace Wasserforge.Latent
{
    /// <summary>
    /// A compact, exact text form of a latent, for bookmarks and latent lists:
    /// <c>seed:1234</c> (a seeded sample, see <see cref="LatentSampler"/>), optionally with truncation
    /// <c>seed:1234@0.7</c>, or <c>wf1:</c> + base64 of the little-endian float32 values for any vector.
    /// <para><c>seed:</c> always means <see cref="LatentSampler"/>'s algorithm <c>wf-normal-1</c>; a future
    /// algorithm would get a new prefix, so saved bookmarks keep meaning the same latent.</para>
    /// </summary>
    public static class LatentText
    {
        /// <summary>Text for a seeded latent (ψ = 1 is omitted): <c>seed:42</c> or <c>seed:42@0.7</c>.</summary>
        /// <exception cref="ArgumentOutOfRangeException">ψ is negative, NaN or infinite.</exception>
        public static string FormatSeed(ulong seed, float truncation = 1f) =>
            !(truncation >= 0) || float.IsInfinity(truncation) ? throw new ArgumentOutOfRangeException(nameof(truncation), truncation, "truncation ψ must be a finite value ≥ 0.") :
            truncation == 1f ? "seed:" + seed.ToString(CultureInfo.InvariantCulture)
                             : "seed:" + seed.ToString(CultureInfo.InvariantCulture) + "@" + truncation.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>Exact text for any latent: <c>wf1:</c> + base64 of its float32 values, little-endian (NaN payloads and −0 survive).</summary>
        public static string Format(ReadOnlySpan<float> latent)
        {
            var bytes = new byte[latent.Length * 4];
            for (var i = 0; i < latent.Length; i++)
            {
                var bits = BitConverter.ToInt32(BitConverter.GetBytes(latent[i]), 0);
                bytes[i * 4] = (byte)bits; bytes[i * 4 + 1] = (byte)(bits >> 8); bytes[i * 4 + 2] = (byte)(bits >> 16); bytes[i * 4 + 3] = (byte)(bits >> 24);
            }
            return "wf1:" + Convert.ToBase64String(bytes);
        }

        /// <summary>Reads either form into a new latent of <paramref name="latentDim"/> values.</summary>
        /// <exception cref="FormatException">The text is empty or neither form, the seed or ψ is not a valid number, the base64 is broken, or the vector's length is not <paramref name="latentDim"/>.</exception>
        public static float[] Parse(string text, int latentDim)
        {
            if (text == null) throw new FormatException("latent text is empty.");
            text = text.Trim();
            if (text.StartsWith("seed:", StringComparison.Ordinal))
            {
                var body = text.Substring(5);
                var psi = 1f;
                var at = body.IndexOf('@');
                if (at >= 0)
                {
                    if (!float.TryParse(body.Substring(at + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out psi) || !(psi >= 0) || float.IsInfinity(psi))
                        throw new FormatException($"'{text}': the truncation after '@' must be a number ≥ 0.");
                    body = body.Substring(0, at);
                }
                if (!ulong.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
                    throw new FormatException($"'{text}': the seed must be a whole number from 0 to {ulong.MaxValue}.");
                var z = LatentSampler.Sample(seed, latentDim);
                if (psi != 1f) LatentMath.Truncate(z, psi);
                return z;
            }
            if (text.StartsWith("wf1:", StringComparison.Ordinal))
            {
                byte[] bytes;
                try { bytes = Convert.FromBase64String(text.Substring(4)); }
                catch (FormatException) { throw new FormatException($"'{Short(text)}': the part after 'wf1:' is not valid base64."); }
                if (bytes.Length != latentDim * 4)
                    throw new FormatException($"'{Short(text)}' holds {bytes.Length / 4} values; this model's latent has {latentDim}.");
                var z = new float[latentDim];
                for (var i = 0; i < latentDim; i++)
                    z[i] = BitConverter.ToSingle(BitConverter.GetBytes(bytes[i * 4] | bytes[i * 4 + 1] << 8 | bytes[i * 4 + 2] << 16 | bytes[i * 4 + 3] << 24), 0);
                return z;
            }
            throw new FormatException($"'{Short(text)}' is not a latent: expected 'seed:N', 'seed:N@psi' or 'wf1:<base64>'.");
        }

        static string Short(string s) => s.Length <= 40 ? s : s.Substring(0, 37) + "...";
    }
}
