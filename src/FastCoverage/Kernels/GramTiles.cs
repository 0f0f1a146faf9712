using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Kernels;

/// <summary>
/// The blocked Gram loop: K (or its upper triangle of tiles, mirrored) is cut into square cache tiles of
/// <see cref="GramMicroKernel.TileSize"/>; each tile accumulates its dot products depth block by depth block,
/// micro-panel by micro-panel (whole micro-tiles straight into K, ragged edges into a thread-local buffer), then runs
/// the epilogue while the tile is still in cache.
/// </summary>
/// <remarks>
/// Tiles are independent and every entry is the same fused multiply-add chain whatever tile, thread or depth blocking
/// computes it, so the result is bitwise identical for any degree of parallelism.
/// </remarks>
internal static unsafe class GramTiles
{
    /// <summary>
    /// Most depth steps per micro-kernel call (larger d is split into equal blocks). Measured on the Zen 4 VM at
    /// n = 2000–4000, d = 768, one thread: 128 → 0.84×, 256 → 0.85–0.94×, 384 → 0.87×, 768 → 0.89–0.96× OpenBLAS;
    /// a T×768 A block (688 KB) still fits the 1 MB L2, and fewer blocks mean fewer passes over K.
    /// </summary>
    internal static int DepthBlock { get; set; } = 768;

    /// <summary>
    /// Whether the symmetric case mirrors off-diagonal tiles with <see cref="TileStore.WriteTransposedStreaming"/>
    /// (non-temporal stores) rather than <see cref="TileStore.WriteTransposed"/> (ordinary stores). Both give the same
    /// bits; the switch exists for same-run comparisons (<c>tune-sym</c> in bench/).
    /// </summary>
    internal static bool StreamedMirror { get; set; } = true;

    /// <summary>
    /// Depth steps per micro-kernel call for depth <paramref name="depth"/>: the depth cut into equal blocks of at most
    /// <see cref="DepthBlock"/>. Every caller of the micro-kernels uses it, so an entry is the same chain of fused
    /// multiply-adds (stored and resumed at the same block boundaries) wherever it is computed.
    /// </summary>
    internal static int DepthStep(int depth)
    {
        int blocks = (depth + DepthBlock - 1) / DepthBlock;
        return (depth + blocks - 1) / blocks;
    }

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

    private static float[] RentBuffer(int tileSize) => ArrayPool<float>.Shared.Rent((tileSize * BufferStride(tileSize)) + 16);

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComputeTile(in GramProblem problem, int rowTile, int columnTile, float* buffer)
    {
        GramMicroKernel kernel = problem.MicroKernel;
        int tileSize = kernel.TileSize;
        int bufferStride = BufferStride(tileSize);
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

        // Whole micro-tiles accumulate straight into K; the ragged last row and column panels go to the buffer.
        int fullRowPanels = rows / mr;
        int fullColumnPanels = columns / nr;
        int fullRows = fullRowPanels * mr;
        int fullColumns = fullColumnPanels * nr;
        bool diagonal = problem.Symmetric && rowTile == columnTile;
        MatrixView k = problem.Destination;

        int depth = problem.A.Depth;
        int step = DepthStep(depth);
        for (int p0 = 0; p0 < depth; p0 += step)
        {
            int kc = Math.Min(step, depth - p0);
            for (int jb = 0; jb < bPanels; jb++)
            {
                float* b = problem.B.Panel(bPanel0 + jb) + ((nint)p0 * nr);
                for (int ib = 0; ib < aPanels; ib++)
                {
                    if (diagonal && BelowDiagonal(ib, jb, mr, nr))
                    {
                        continue;
                    }

                    float* a = problem.A.Panel(aPanel0 + ib) + ((nint)p0 * mr);
                    if (ib < fullRowPanels && jb < fullColumnPanels)
                    {
                        // The next micro-tile of K, so that its lines arrive while this one computes (measured at d = 64,
                        // one thread: 0.88–0.91× → 0.97–1.03× OpenBLAS).
                        if (ib + 1 < fullRowPanels)
                        {
                            PrefetchMicroTile(k.Row(r0 + ((ib + 1) * mr)) + c0 + (jb * nr), k.Stride, mr, nr);
                        }
                        else if (jb + 1 < fullColumnPanels)
                        {
                            PrefetchMicroTile(k.Row(r0) + c0 + ((jb + 1) * nr), k.Stride, mr, nr);
                        }

                        kernel.MultiplyAdd(a, b, kc, k.Row(r0 + (ib * mr)) + c0 + (jb * nr), k.Stride, p0 > 0);
                    }
                    else
                    {
                        kernel.MultiplyAdd(a, b, kc, buffer + ((nint)ib * mr * bufferStride) + (jb * nr), bufferStride, p0 > 0);
                    }
                }
            }
        }

        // The epilogue, while the tile is in cache. Buffer segments are padded to a multiple of 16 entries.
        int width = kernel.EpilogueWidth;
        int remainder = columns - fullColumns;
        fixed (float* aStatistics = problem.AStatistics)
        fixed (float* bStatistics = problem.BStatistics)
        {
            for (int i = 0; i < rows; i++)
            {
                float xStatistic = aStatistics[r0 + i];
                float* bufferRow = buffer + ((nint)i * bufferStride);
                if (i < fullRows)
                {
                    if (fullColumns > 0)
                    {
                        GramEpilogue.Apply(problem.Kind, problem.Gamma, width, xStatistic, bStatistics + c0, k.Row(r0 + i) + c0, fullColumns);
                    }

                    if (remainder > 0)
                    {
                        GramEpilogue.Apply(problem.Kind, problem.Gamma, width, xStatistic, bStatistics + c0 + fullColumns, bufferRow + fullColumns, RoundUp16(remainder));
                        new ReadOnlySpan<float>(bufferRow + fullColumns, remainder).CopyTo(new Span<float>(k.Row(r0 + i) + c0 + fullColumns, remainder));
                    }
                }
                else
                {
                    GramEpilogue.Apply(problem.Kind, problem.Gamma, width, xStatistic, bStatistics + c0, bufferRow, RoundUp16(columns));
                    new ReadOnlySpan<float>(bufferRow, columns).CopyTo(new Span<float>(k.Row(r0 + i) + c0, columns));
                }
            }

            if (problem.Symmetric && rowTile == columnTile && problem.Kind == KernelKind.Cosine)
            {
                for (int i = 0; i < rows; i++)
                {
                    if (aStatistics[r0 + i] > 0f)
                    {
                        k.Row(r0 + i)[c0 + i] = 1f;
                    }
                }
            }
        }

        if (problem.Symmetric && rowTile != columnTile)
        {
            // The tile buffer is free again: it holds the mirror's bands.
            if (StreamedMirror)
            {
                TileStore.WriteTransposedStreaming(k, r0, c0, rows, columns, width, buffer);
            }
            else
            {
                TileStore.WriteTransposed(k, r0, c0, rows, columns);
            }
        }
        else if (diagonal)
        {
            // Micro-tiles strictly below the diagonal were skipped: mirror them from their computed transposes
            // (bitwise the values they would have had: fma and the epilogue are symmetric in x and y).
            for (int jb = 0; jb < bPanels; jb++)
            {
                for (int ib = 0; ib < aPanels; ib++)
                {
                    if (BelowDiagonal(ib, jb, mr, nr))
                    {
                        int top = ib * mr;
                        int left = jb * nr;
                        TileStore.WriteTransposed(k, c0 + left, r0 + top, Math.Min(nr, columns - left), Math.Min(mr, rows - top));
                    }
                }
            }
        }
    }

    /// <summary>Whether micro-tile (ib, jb) of a diagonal tile lies strictly below the diagonal (every row index above every column index).</summary>
    private static bool BelowDiagonal(int ib, int jb, int mr, int nr) => ib * mr >= (jb + 1) * nr;

    /// <summary>Asks for the cache lines of the next micro-tile of K while the current one computes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchMicroTile(float* c, nint stride, int rows, int columns)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            float* row = c + (r * stride);
            for (int j = 0; j < columns; j += 16)
            {
                Sse.Prefetch0(row + j);
            }

            Sse.Prefetch0(row + columns - 1);
        }
    }

    /// <summary>Row stride of the tile buffer: room for a ragged panel padded to 16 entries after the last whole panel.</summary>
    internal static int BufferStride(int tileSize) => tileSize + 16;

    private static int RoundUp16(int count) => (count + 15) & ~15;
}
