using System;
using NUnit.Framework;
using Wasserforge.Pixels;

namespace Wasserforge.Tests.Pixels
{
    public class PixelConverterTests
    {
        static byte Reference(float v)
        {
            if (float.IsNaN(v)) return 0;
            var x = Math.Round(((double)v + 1) / 2 * 255, MidpointRounding.AwayFromZero);
            return (byte)Math.Max(0, Math.Min(255, x));
        }

        [Test]
        public void RoundsAndClampsLikeTheReference()
        {
            var values = new float[] { -1f, 1f, 0f, -2f, 3f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.5f, -0.5f, 1f / 255, -1f + 1f / 255, -1f + 0.999f / 255, 0.9999f };
            foreach (var v in values)
            {
                var rgba = new byte[4];
                PixelConverter.ToRgba32(new[] { v }, 1, 1, 1, 1, rgba);
                Assert.That(rgba[0], Is.EqualTo(Reference(v)), "value " + v);
                Assert.That(rgba[1], Is.EqualTo(rgba[0]));
                Assert.That(rgba[2], Is.EqualTo(rgba[0]));
                Assert.That(rgba[3], Is.EqualTo(255));
            }
        }

        [Test]
        public void ValuesNextToEveryRoundingBoundaryMatchTheReference()
        {
            // Long rows, so the SIMD path runs; for every level boundary the 64 floats either side of it.
            var values = new float[256 * 129 + 3];
            var i = 0;
            for (var k = 0; k < 256; k++)
            {
                var boundary = BitConverter.SingleToInt32Bits((float)((k + 0.5) / 127.5 - 1.0));
                for (var d = -64; d <= 64; d++) values[i++] = BitConverter.Int32BitsToSingle(boundary + d);
            }
            values[i++] = float.NaN;
            values[i++] = float.PositiveInfinity;
            values[i] = float.NegativeInfinity;
            var rgba = new byte[values.Length * 4];
            PixelConverter.ToRgba32(values, 1, 1, values.Length, 1, rgba);
            for (var j = 0; j < values.Length; j++)
                if (rgba[j * 4] != Reference(values[j])) Assert.Fail($"value {values[j]:R} gave {rgba[j * 4]}, expected {Reference(values[j])}");
        }

        [Test]
        public void RandomRgbImagesMatchTheReference()
        {
            var random = new Random(7);
            const int width = 301, height = 3, count = 2;
            var nchw = new float[count * 3 * width * height];
            for (var j = 0; j < nchw.Length; j++) nchw[j] = (float)(random.NextDouble() * 2.6 - 1.3);
            var rgba = new byte[count * width * height * 4];
            PixelConverter.ToRgba32(nchw, count, 3, width, height, rgba);
            var plane = width * height;
            for (var n = 0; n < count; n++)
                for (var p = 0; p < plane; p++)
                    for (var c = 0; c < 3; c++)
                        Assert.That(rgba[(n * plane + p) * 4 + c], Is.EqualTo(Reference(nchw[(n * 3 + c) * plane + p])), $"image {n} pixel {p} channel {c}");
        }

        [Test]
        public void EveryByteLevelRoundTrips()
        {
            var floats = new float[256];
            for (var i = 0; i < 256; i++) floats[i] = i / 255f * 2f - 1f;
            var rgba = new byte[256 * 4];
            PixelConverter.ToRgba32(floats, 1, 1, 256, 1, rgba);
            for (var i = 0; i < 256; i++) Assert.That(rgba[i * 4], Is.EqualTo(i));
        }

        [Test]
        public void PlanarRgbaBecomesInterleavedAndRowsFlipBottomUp()
        {
            // One 2x2 RGBA image, planes R, G, B, A; pixel (x, y) has R = x, G = y levels.
            var nchw = new float[16];
            for (var y = 0; y < 2; y++)
                for (var x = 0; x < 2; x++)
                {
                    nchw[0 * 4 + y * 2 + x] = x == 0 ? -1f : 1f;
                    nchw[1 * 4 + y * 2 + x] = y == 0 ? -1f : 1f;
                    nchw[2 * 4 + y * 2 + x] = 0f;
                    nchw[3 * 4 + y * 2 + x] = -1f;
                }
            var top = new byte[16];
            var bottom = new byte[16];
            PixelConverter.ToRgba32(nchw, 1, 4, 2, 2, top);
            PixelConverter.ToRgba32(nchw, 1, 4, 2, 2, bottom, bottomUp: true);
            Assert.That(top, Is.EqualTo(new byte[] { 0, 0, 128, 0, 255, 0, 128, 0, 0, 255, 128, 0, 255, 255, 128, 0 }));
            Assert.That(bottom, Is.EqualTo(new byte[] { 0, 255, 128, 0, 255, 255, 128, 0, 0, 0, 128, 0, 255, 0, 128, 0 }));
        }

        [Test]
        public void CustomValueRangeMaps()
        {
            var rgba = new byte[8];
            PixelConverter.ToRgba32(new[] { 0f, 1f, 0.5f }, 1, 3, 1, 1, rgba, false, 0f, 1f);
            Assert.That(rgba[0], Is.EqualTo(0));
            Assert.That(rgba[1], Is.EqualTo(255));
            Assert.That(rgba[2], Is.EqualTo(128));
        }

        [Test]
        public void BatchesConvertIndependently()
        {
            var nchw = new float[] { -1f, 1f };  // two 1x1 gray images
            var rgba = new byte[8];
            PixelConverter.ToRgba32(nchw, 2, 1, 1, 1, rgba);
            Assert.That(rgba, Is.EqualTo(new byte[] { 0, 0, 0, 255, 255, 255, 255, 255 }));
        }

        [Test]
        public void BadArgumentsThrow()
        {
            Assert.Throws<ArgumentException>(() => PixelConverter.ToRgba32(new float[4], 1, 2, 1, 2, new byte[8]));
            Assert.Throws<ArgumentException>(() => PixelConverter.ToRgba32(new float[3], 1, 3, 2, 1, new byte[8]));
            Assert.Throws<ArgumentException>(() => PixelConverter.ToRgba32(new float[6], 1, 3, 2, 1, new byte[7]));
            Assert.Throws<ArgumentException>(() => PixelConverter.ToRgba32(new float[6], 1, 3, 2, 1, new byte[8], false, 1f, 1f));
        }
    }
}
