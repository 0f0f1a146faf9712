using System.Buffers;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Selection;

/// <summary>
/// Builds the sparse k-nearest-neighbour facility-location similarity: for every represented point uᵢ, the
/// <c>neighbors</c> candidates with the largest nonnegative similarity sᵢⱼ (for RBF: the smallest distances), exact,
/// ties by lowest index; when the pool represents itself, each point also keeps itself (sᵢᵢ) besides its neighbours.
/// The similarity is computed tile by tile (<see cref="NeighborTiles"/>) and each tile is scanned into per-row heaps
/// while in cache; when the pool represents itself, s is symmetric and only the tiles I ≤ J are computed, each offering
/// its entries to both its rows and its columns. The result is stored candidate-major.
/// </summary>
/// <remarks>
/// Cost: |U|·n·d multiply-adds (half of them for the pool) plus O(|U|·n) vector compares and about
/// |U|·k·(1 + ln(n/k)) heap offers. Tiles run in parallel under a schedule in which no two concurrent tiles touch the
/// same row's heap: the represented tile rows own their rows; for the pool, whose points are first put in a spatial
/// order (<see cref="SpatialOrder"/>), the tiles I ≤ J run band by band outwards from the diagonal (offset J − I = 0,
/// 1, 2, …), each offset in two rounds by the parity of ⌊I / offset⌋, whose tiles touch disjoint rows. A row's kept set is the k best
/// of all its entries under a strict total order, whatever order they arrive in, so the graph does not depend on the
/// thread count.
/// </remarks>
internal static class NearestNeighborGraph
{
    public static SparseSimilaritySource Build(ReadOnlyMemory2D<float> candidates, ReadOnlyMemory2D<float> represented, bool representedIsPool, Kernel kernel, int neighbors, int maxDegreeOfParallelism) =>
        Build(candidates, represented, representedIsPool, kernel, neighbors, maxDegreeOfParallelism, GramMicroKernels.Default, NeighborTileScan.DefaultWidth, SpatialOrder.PointsPerCell);

    /// <summary>As above with a given micro-kernel, scan width and spatial cell size (tests run every path).</summary>
    internal static SparseSimilaritySource Build(ReadOnlyMemory2D<float> candidates, ReadOnlyMemory2D<float> represented, bool representedIsPool, Kernel kernel, int neighbors, int maxDegreeOfParallelism, GramMicroKernel microKernel, int scanWidth, int pointsPerCell)
    {
        int n = candidates.Height;
        int m = represented.Height;
        var heaps = new NeighborHeaps(m, neighbors, kernel.Kind == KernelKind.Rbf ? kernel.ResolveGamma(candidates.Width) : null);
        if (!representedIsPool)
        {
            var tiles = new NeighborTiles(candidates.Span, represented.Span, kernel, microKernel, maxDegreeOfParallelism);
            int columnTiles = tiles.ColumnTiles;
            RunRound(tiles, tiles.RowTiles, maxDegreeOfParallelism, (t, buffer) =>
            {
                for (int c = 0; c < columnTiles; c++)
                {
                    tiles.Process(t, c, symmetric: false, null, heaps, null, buffer, scanWidth);
                }
            });
            return Transpose(heaps, null, null, m, n);
        }

        // The pool in a spatial order: heap row and tile position p hold point ids[p].
        int[] ids = SpatialOrder.Compute(candidates.Span, pointsPerCell, maxDegreeOfParallelism);
        float[,] ordered = Reorder(candidates.Span, ids);
        var poolTiles = new NeighborTiles(new ReadOnlySpan2D<float>(ordered), new ReadOnlySpan2D<float>(ordered), kernel, microKernel, maxDegreeOfParallelism);
        float[] self = new float[m];
        int tileCount = poolTiles.RowTiles;
        int[] band = new int[tileCount];
        for (int offset = 0; offset < tileCount; offset++)
        {
            // Tiles (I, I + offset) with ⌊I / offset⌋ of one parity touch disjoint rows; the diagonal tiles likewise.
            for (int parity = 0; parity < (offset == 0 ? 1 : 2); parity++)
            {
                int count = 0;
                for (int t = 0; t + offset < tileCount; t++)
                {
                    if (offset == 0 || (t / offset % 2) == parity)
                    {
                        band[count++] = t;
                    }
                }

                int o = offset;
                RunRound(poolTiles, count, maxDegreeOfParallelism, (s, buffer) => poolTiles.Process(band[s], band[s] + o, symmetric: true, ids, heaps, self, buffer, scanWidth));
            }
        }

        return Transpose(heaps, self, ids, m, n);
    }

    private static float[,] Reorder(ReadOnlySpan2D<float> x, int[] ids)
    {
        var ordered = new float[x.Height, x.Width];
        var destination = new Span2D<float>(ordered);
        for (int p = 0; p < ids.Length; p++)
        {
            x.GetRowSpan(ids[p]).CopyTo(destination.GetRowSpan(p));
        }

        return ordered;
    }

    private static void RunRound(NeighborTiles tiles, int count, int maxDegreeOfParallelism, Action<int, float[]> body)
    {
        if (count == 1 || maxDegreeOfParallelism == 1)
        {
            float[] buffer = ArrayPool<float>.Shared.Rent(tiles.BufferLength);
            for (int t = 0; t < count; t++)
            {
                body(t, buffer);
            }

            ArrayPool<float>.Shared.Return(buffer);
            return;
        }

        Parallel.For(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => ArrayPool<float>.Shared.Rent(tiles.BufferLength),
            (t, _, buffer) =>
            {
                body(t, buffer);
                return buffer;
            },
            buffer => ArrayPool<float>.Shared.Return(buffer));
    }

    /// <summary>
    /// Turns the rows' kept neighbours (and sᵢᵢ) into candidate-major compressed rows, represented indices ascending;
    /// heap row p belongs to represented point <paramref name="ids"/>[p] (p itself when null).
    /// </summary>
    private static SparseSimilaritySource Transpose(NeighborHeaps heaps, float[]? self, int[]? ids, int m, int n)
    {
        int[] rowOf = new int[m];
        for (int p = 0; p < m; p++)
        {
            rowOf[ids is null ? p : ids[p]] = p;
        }

        int[] offsets = new int[n + 1];
        for (int p = 0; p < m; p++)
        {
            foreach (ulong key in heaps.Entries(p))
            {
                offsets[NeighborHeaps.CandidateOf(key) + 1]++;
            }
        }

        if (self is not null)
        {
            for (int i = 0; i < m; i++)
            {
                offsets[i + 1]++;
            }
        }

        for (int j = 0; j < n; j++)
        {
            offsets[j + 1] += offsets[j];
        }

        int[] next = offsets[..n];
        int[] represented = new int[offsets[n]];
        float[] values = new float[offsets[n]];
        for (int i = 0; i < m; i++)
        {
            int p = rowOf[i];
            foreach (ulong key in heaps.Entries(p))
            {
                int slot = next[NeighborHeaps.CandidateOf(key)]++;
                represented[slot] = i;
                values[slot] = NeighborHeaps.ValueOf(key);
            }

            if (self is not null)
            {
                int slot = next[i]++;
                represented[slot] = i;
                values[slot] = self[p];
            }
        }

        return new SparseSimilaritySource(offsets, represented, values, m);
    }
}
