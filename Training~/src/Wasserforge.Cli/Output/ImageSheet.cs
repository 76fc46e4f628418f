using System;

namespace Wasserforge.Cli.Output
{
    /// <summary>
    /// Lays RGBA32 images (all the same size, rows top-down) out as one sheet: cols per row, left to right
    /// then top to bottom, with <c>gap</c> pixels around and between cells. Gaps are transparent when the
    /// images have alpha and opaque black otherwise. With gap 0 the sheet is a ready sprite atlas
    /// (Unity's Sprite Editor: Grid By Cell Size).
    /// </summary>
    public static class ImageSheet
    {
        /// <summary>Composes <paramref name="count"/> images of width × height from <paramref name="rgba"/>.</summary>
        /// <exception cref="ArgumentException">A size is not positive, the gap is negative, or <paramref name="rgba"/> is too short.</exception>
        public static (byte[] pixels, int width, int height) Compose(ReadOnlySpan<byte> rgba, int count, int width, int height, int cols, int gap, bool transparentGaps)
        {
            if (count < 1 || width < 1 || height < 1 || cols < 1) throw new ArgumentException($"a sheet of {count} images of {width}x{height} in {cols} columns is empty.");
            if (gap < 0) throw new ArgumentException($"--gap {gap} must be 0 or more.");
            var cell = width * height * 4;
            if (rgba.Length < (long)count * cell) throw new ArgumentException($"{count} images of {width}x{height} need {(long)count * cell} bytes; got {rgba.Length}.");
            cols = Math.Min(cols, count);
            var rows = (count + cols - 1) / cols;
            var w = checked(cols * (width + gap) + gap);
            var h = checked(rows * (height + gap) + gap);
            var sheet = new byte[checked(w * h * 4)];
            if (!transparentGaps) for (var i = 3; i < sheet.Length; i += 4) sheet[i] = 255;
            for (var k = 0; k < count; k++)
            {
                int ox = gap + (k % cols) * (width + gap), oy = gap + (k / cols) * (height + gap);
                for (var y = 0; y < height; y++)
                    rgba.Slice(k * cell + y * width * 4, width * 4).CopyTo(sheet.AsSpan(((oy + y) * w + ox) * 4, width * 4));
            }
            return (sheet, w, h);
        }
    }
}
