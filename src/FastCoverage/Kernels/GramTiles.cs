using System.Buffers;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Kernels;

/// <summary>
/// The blocked Gram loop: K (or its upper triangle of tiles, mirrored) is cut into square cache tiles of
/// <see cref="GramMicroKernel.TileSize"/>; each tile accumulates its dot products in a thread-local buffer, depth block
/// by depth block, micro-panel by micro-panel, then runs the epilogue while the buffer is hot and writes K once.
/// </summary>
/// <remarks>
/// Tiles are independent and every entry is the same fused multiply-add chain whatever tile, thread or depth blocking
/// computes it, so the result is bitwise identical for any degree of parallelism.
/// </remarks>
internal static unsafe class GramTiles
{
    /// <summary>Depth steps per micro-kernel call: one A micro-panel (MR×kc) and one B micro-panel (NR×kc) stay in L1/L2.</summary>
    internal static int DepthBlock { get; set; } = 256;

    /// <summary>Computes K = k(A rows, B rows) into <paramref name="problem"/>.Destination.</summary>
    public static void Run(in GramProblem problem, int maxDegreeOfParallelism)
    {
        int tileSize = problem.MicroKernel.TileSize;
        int rowTiles = (problem.A.Count + tileSize - 1) / tileSize;
        int columnTiles = (problem.B.Count + tileSize - 1) / tileSize;
        int tiles = problem.Symmetric ? rowTiles * (rowTiles + 1) / 2 : rowTiles * columnTiles;
        int threads = maxDegreeOfParallelism < 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        GramProblem p = problem;
        if (threads == 1 || tiles == 1)
        {
            float[] buffer = RentBuffer(tileSize);
            for (int t = 0; t < tiles; t++)
            {
                RunTile(p, t, columnTiles, buffer);
            }

            ArrayPool<float>.Shared.Return(buffer);
            return;
        }

        Parallel.For(
            0,
            tiles,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => RentBuffer(tileSize),
            (t, _, buffer) =>
            {
                RunTile(p, t, columnTiles, buffer);
                return buffer;
            },
            buffer => ArrayPool<float>.Shared.Return(buffer));
    }

    private static float[] RentBuffer(int tileSize) => ArrayPool<float>.Shared.Rent((tileSize * tileSize) + 16);

    private static void RunTile(in GramProblem problem, int tile, int columnTiles, float[] buffer)
    {
        int rowTile, columnTile;
        if (problem.Symmetric)
        {
            (rowTile, columnTile) = UpperTriangleTile(tile, columnTiles);
        }
        else
        {
            rowTile = tile / columnTiles;
            columnTile = tile % columnTiles;
        }

        fixed (float* pinned = buffer)
        {
            float* aligned = (float*)(((nint)pinned + 63) & ~(nint)63);
            ComputeTile(problem, rowTile, columnTile, aligned);
        }
    }

    /// <summary>The <paramref name="tile"/>-th pair (I, J), I ≤ J, of an n×n tile grid in row order.</summary>
    private static (int Row, int Column) UpperTriangleTile(int tile, int n)
    {
        int row = 0;
        int rowLength = n;
        while (tile >= rowLength)
        {
            tile -= rowLength;
            row++;
            rowLength--;
        }

        return (row, row + tile);
    }

    private static void ComputeTile(in GramProblem problem, int rowTile, int columnTile, float* buffer)
    {
        GramMicroKernel kernel = problem.MicroKernel;
        int tileSize = kernel.TileSize;
        int mr = kernel.Rows;
        int nr = kernel.Columns;
        int r0 = rowTile * tileSize;
        int c0 = columnTile * tileSize;
        int rows = Math.Min(tileSize, problem.A.Count - r0);
        int columns = Math.Min(tileSize, problem.B.Count - c0);
        int aPanel0 = r0 / mr;
        int aPanels = (rows + mr - 1) / mr;
        int bPanel0 = c0 / nr;
        int bPanels = (columns + nr - 1) / nr;
        int depth = problem.A.Depth;
        int blocks = (depth + DepthBlock - 1) / DepthBlock;
        int step = (depth + blocks - 1) / blocks;

        for (int p0 = 0; p0 < depth; p0 += step)
        {
            int kc = Math.Min(step, depth - p0);
            for (int jb = 0; jb < bPanels; jb++)
            {
                float* b = problem.B.Panel(bPanel0 + jb) + ((nint)p0 * nr);
                float* c = buffer + (jb * nr);
                for (int ib = 0; ib < aPanels; ib++)
                {
                    float* a = problem.A.Panel(aPanel0 + ib) + ((nint)p0 * mr);
                    kernel.MultiplyAdd(a, b, kc, c + ((nint)ib * mr * tileSize), tileSize, p0 > 0);
                }
            }
        }

        int width = (columns + 15) & ~15;
        fixed (float* aStatistics = problem.AStatistics)
        fixed (float* bStatistics = problem.BStatistics)
        {
            for (int i = 0; i < rows; i++)
            {
                GramEpilogue.Apply(problem.Kind, problem.Gamma, kernel.EpilogueWidth, aStatistics[r0 + i], bStatistics + c0, buffer + ((nint)i * tileSize), width);
            }

            if (problem.Symmetric && rowTile == columnTile && problem.Kind == KernelKind.Cosine)
            {
                for (int i = 0; i < rows; i++)
                {
                    if (aStatistics[r0 + i] > 0f)
                    {
                        buffer[((nint)i * tileSize) + i] = 1f;
                    }
                }
            }
        }

        TileStore.Write(buffer, tileSize, rows, columns, problem.Destination, r0, c0);
        if (problem.Symmetric && rowTile != columnTile)
        {
            TileStore.WriteTransposed(buffer, tileSize, rows, columns, problem.Destination, c0, r0);
        }
    }
}
