using System;
using Wasserforge.Deterministic;
using Wasserforge.Latent;

namespace Wasserforge.Tests.Deterministic
{
    /// <summary>Small generators built in code that together use every operator and attribute form the deterministic device runs.</summary>
    public static class DeterministicModels
    {
        /// <summary>DCGAN-like: Gemm (transB 1) → ReLU (folded) → Reshape [-1, …] → ConvTranspose 4/2/1 → leaky ReLU (folded) → ConvTranspose 5/2/2 with output padding → Tanh.</summary>
        public static byte[] Dcgan()
        {
            var b = new OnnxBuilder(11);
            b.ImageContract(8, 3, 16, 16);
            var x = b.Node("Gemm", new[] { "z", b.Random("w", 0.5f, 4 * 4 * 12, 8), b.Random("b", 0.1f, 4 * 4 * 12) }, OnnxBuilder.A("transB", 1L));
            x = b.Node("Relu", new[] { x });
            x = b.Node("Reshape", new[] { x, b.Longs("shape", -1, 12, 4, 4) });
            x = b.Node("ConvTranspose", new[] { x, b.Random("ct1", 0.2f, 12, 6, 4, 4), b.Random("ct1b", 0.1f, 6) },
                OnnxBuilder.A("kernel_shape", new long[] { 4, 4 }), OnnxBuilder.A("strides", new long[] { 2, 2 }), OnnxBuilder.A("pads", new long[] { 1, 1, 1, 1 }));
            x = b.Node("LeakyRelu", new[] { x }, OnnxBuilder.A("alpha", 0.2f));
            x = b.Node("ConvTranspose", new[] { x, b.Random("ct2", 0.2f, 6, 3, 5, 5), b.Random("ct2b", 0.1f, 3) },
                OnnxBuilder.A("kernel_shape", new long[] { 5, 5 }), OnnxBuilder.A("strides", new long[] { 2, 2 }),
                OnnxBuilder.A("pads", new long[] { 2, 2, 2, 2 }), OnnxBuilder.A("output_padding", new long[] { 1, 1 }));
            b.Identity(b.Node("Tanh", new[] { x }), "image");
            return b.Build();
        }

        /// <summary>
        /// Tileable-like: Gemm (transB 0, no bias) → Reshape [0, …] → ReLU (separate) → Resize ×2 → circular pad (Slice + Concat on W, then H)
        /// → Conv 3×3 → ReLU → Conv 3×3 stride 2 zero-padded, no bias → Conv 1×1 → Sigmoid.
        /// </summary>
        public static byte[] Tileable()
        {
            var b = new OnnxBuilder(12);
            b.ImageContract(6, 4, 4, 4);
            var x = b.Node("Gemm", new[] { "z", b.Random("w", 0.6f, 6, 8 * 4 * 4) });
            x = b.Node("Reshape", new[] { x, b.Longs("shape", 0, 8, 4, 4) });
            x = b.Node("Relu", new[] { x });
            x = b.Node("Resize", new[] { x, "", b.Floats("scales", new float[] { 1, 1, 2, 2 }, 4) },
                OnnxBuilder.A("mode", "nearest"), OnnxBuilder.A("coordinate_transformation_mode", "asymmetric"), OnnxBuilder.A("nearest_mode", "floor"));
            x = CircularPad(b, x, 1);
            x = b.Node("Conv", new[] { x, b.Random("c1", 0.3f, 8, 8, 3, 3), b.Random("c1b", 0.1f, 8) },
                OnnxBuilder.A("kernel_shape", new long[] { 3, 3 }), OnnxBuilder.A("strides", new long[] { 1, 1 }), OnnxBuilder.A("pads", new long[] { 0, 0, 0, 0 }));
            x = b.Node("Relu", new[] { x });
            x = b.Node("Conv", new[] { x, b.Random("c2", 0.3f, 8, 8, 3, 3) },
                OnnxBuilder.A("strides", new long[] { 2, 2 }), OnnxBuilder.A("pads", new long[] { 1, 1, 1, 1 }));
            x = b.Node("Conv", new[] { x, b.Random("c3", 0.5f, 4, 8, 1, 1), b.Random("c3b", 0.2f, 4) });
            b.Identity(b.Node("Sigmoid", new[] { x }), "image");
            return b.Build();
        }

        /// <summary>
        /// Odd geometry: Conv with a 2×3 kernel, strides [1, 2] and asymmetric pads; ConvTranspose 3/3/0 (one tap per phase) and 1×1 stride 2
        /// (phases without taps, i.e. bias only); Slice with negative bounds; Concat of branches at very different scales along channels.
        /// </summary>
        public static byte[] OddGeometry()
        {
            var b = new OnnxBuilder(13);
            b.ImageContract(5, 1, 10, 8);
            var x = b.Node("Gemm", new[] { "z", b.Random("w", 0.7f, 3 * 5 * 6, 5), b.Random("b", 0.3f, 3 * 5 * 6) }, OnnxBuilder.A("transB", 1L));
            x = b.Node("Reshape", new[] { x, b.Longs("shape", -1, 3, 5, 6) });
            var big = b.Node("Conv", new[] { x, b.Random("big", 4f, 2, 3, 2, 3), b.Random("bigb", 1f, 2) },
                OnnxBuilder.A("kernel_shape", new long[] { 2, 3 }), OnnxBuilder.A("strides", new long[] { 1, 2 }), OnnxBuilder.A("pads", new long[] { 0, 1, 2, 1 }));
            var small = b.Node("Conv", new[] { x, b.Random("small", 0.02f, 1, 3, 2, 3) },
                OnnxBuilder.A("kernel_shape", new long[] { 2, 3 }), OnnxBuilder.A("strides", new long[] { 1, 2 }), OnnxBuilder.A("pads", new long[] { 0, 1, 2, 1 }));
            x = b.Node("Concat", new[] { big, small }, OnnxBuilder.A("axis", 1L));                 // [3, 6, 3]
            x = b.Node("ConvTranspose", new[] { x, b.Random("ct", 0.3f, 3, 2, 3, 3), b.Random("ctb", 0.2f, 2) },
                OnnxBuilder.A("strides", new long[] { 3, 3 }));                                    // [2, 18, 9]
            x = b.Node("Slice", new[] { x, b.Longs("s", -16, 0), b.Longs("e", -6, 8), b.Longs("a", 2, -1) });   // [2, 10, 8]
            x = b.Node("ConvTranspose", new[] { x, b.Random("ct1", 0.5f, 2, 1, 1, 1), b.Random("ct1b", 0.2f, 1) },
                OnnxBuilder.A("strides", new long[] { 2, 2 }), OnnxBuilder.A("pads", new long[] { 0, 0, 1, 1 }));   // [1, 18, 14]
            x = b.Node("Slice", new[] { x, b.Longs("s2", 1, 2), b.Longs("e2", 11, 10), b.Longs("a2", 2, 3), b.Longs("st", 1, 1) });   // [1, 10, 8]
            b.Identity(b.Node("Tanh", new[] { x }), "image");
            return b.Build();
        }

        /// <summary>A point generator: Gemm → ReLU → Gemm, kind "points", 2-D output.</summary>
        public static byte[] Points()
        {
            var b = new OnnxBuilder(14);
            b.Meta("wasserforge.contract_version", "1");
            b.Meta("wasserforge.kind", "points");
            b.Meta("wasserforge.latent_dim", "4");
            b.Meta("wasserforge.channels", "2");
            b.Input("z", -1, 4);
            b.Output("image", -1, 2);
            var x = b.Node("Gemm", new[] { "z", b.Random("w1", 1f, 32, 4), b.Random("b1", 0.5f, 32) }, OnnxBuilder.A("transB", 1L));
            x = b.Node("Relu", new[] { x });
            b.Identity(b.Node("Gemm", new[] { x, b.Random("w2", 0.5f, 2, 32), b.Random("b2", 0.5f, 2) }, OnnxBuilder.A("transB", 1L)), "image");
            return b.Build();
        }

        static string CircularPad(OnnxBuilder b, string x, long pad)
        {
            foreach (var axis in new long[] { 3, 2 })
            {
                var tail = b.Node("Slice", new[] { x, b.Longs("s", -pad), b.Longs("e", long.MaxValue), b.Longs("a", axis) });
                var head = b.Node("Slice", new[] { x, b.Longs("s", 0), b.Longs("e", pad), b.Longs("a", axis) });
                x = b.Node("Concat", new[] { tail, x, head }, OnnxBuilder.A("axis", axis));
            }
            return x;
        }

        /// <summary>Latents of seeds first … first+count−1, each scaled by ψ.</summary>
        public static float[] Latents(int latentDim, int count, ulong first = 1, float psi = 1f)
        {
            var z = new float[latentDim * count];
            for (var i = 0; i < count; i++) LatentSampler.Sample(first + (ulong)i, z.AsSpan(i * latentDim, latentDim));
            LatentMath.Truncate(z, psi);
            return z;
        }
    }
}
