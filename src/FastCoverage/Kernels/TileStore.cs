namespace FastCoverage.Kernels;

/// <summary>Copies a finished tile from the thread-local buffer into K, directly or transposed (the mirrored half of a symmetric K).</summary>
internal static unsafe class TileStore
{
    /// <summary>K[row0 + i, column0 + j] ← tile[i, j].</summary>
    public static void Write(float* tile, int tileStride, int rows, int columns, MatrixView destination, int row0, int column0)
    {
        for (int i = 0; i < rows; i++)
        {
            new ReadOnlySpan<float>(tile + ((nint)i * tileStride), columns).CopyTo(new Span<float>(destination.Row(row0 + i) + column0, columns));
        }
    }

    /// <summary>K[row0 + j, column0 + i] ← tile[i, j], in 8×8 blocks so both sides stay in cache lines.</summary>
    public static void WriteTransposed(float* tile, int tileStride, int rows, int columns, MatrixView destination, int row0, int column0)
    {
        const int Block = 8;
        for (int jb = 0; jb < columns; jb += Block)
        {
            int jEnd = Math.Min(columns, jb + Block);
            for (int ib = 0; ib < rows; ib += Block)
            {
                int iEnd = Math.Min(rows, ib + Block);
                for (int j = jb; j < jEnd; j++)
                {
                    float* target = destination.Row(row0 + j) + column0;
                    for (int i = ib; i < iEnd; i++)
                    {
                        target[i] = tile[((nint)i * tileStride) + j];
                    }
                }
            }
        }
    }
}
