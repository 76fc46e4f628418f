namespace Wasserforge.Deterministic
{
    /// <summary>
    /// Quantized weights of one matrix [rows, taps] in the layouts the kernels read: blocks of
    /// <see cref="KernelChoice.BlockRows"/> rows interleaved per tap ([block][tap][row], zero rows
    /// padding the last block) for <see cref="ColumnKernel"/>, and plain rows for <see cref="DotKernel"/>.
    /// </summary>
    internal sealed class PackedWeights
    {
        public readonly int Rows;
        public readonly int Taps;
        public readonly int Blocks;
        /// <summary>[block][tap][row in block].</summary>
        public readonly int[] Blocked;
        /// <summary>[row][tap], with zero rows padding to whole blocks.</summary>
        public readonly int[] RowMajor;

        public PackedWeights(int[] rowMajor, int rows, int taps)
        {
            Rows = rows;
            Taps = taps;
            const int br = KernelChoice.BlockRows;
            Blocks = (rows + br - 1) / br;
            RowMajor = new int[Blocks * br * taps];
            System.Array.Copy(rowMajor, RowMajor, rows * taps);
            Blocked = new int[Blocks * taps * br];
            for (var r = 0; r < rows; r++)
                for (var k = 0; k < taps; k++)
                    Blocked[((r / br) * taps + k) * br + r % br] = rowMajor[r * taps + k];
        }
    }
}
