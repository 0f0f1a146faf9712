namespace FastCoverage.Kernels;

/// <summary>Mirrors a finished upper tile of a symmetric K into the lower triangle.</summary>
internal static unsafe class TileStore
{
    /// <summary>K[column0 + j, row0 + i] ← K[row0 + i, column0 + j], in 16×16 blocks so both sides stay in cache lines.</summary>
    public static void WriteTransposed(MatrixView k, int row0, int column0, int rows, int columns)
    {
        const int Block = 16;
        for (int jb = 0; jb < columns; jb += Block)
        {
            int jEnd = Math.Min(columns, jb + Block);
            for (int ib = 0; ib < rows; ib += Block)
            {
                int iEnd = Math.Min(rows, ib + Block);
                for (int j = jb; j < jEnd; j++)
                {
                    float* target = k.Row(column0 + j) + row0;
                    float* source = k.Row(row0) + column0 + j;
                    for (int i = ib; i < iEnd; i++)
                    {
                        target[i] = source[i * k.Stride];
                    }
                }
            }
        }
    }
}
