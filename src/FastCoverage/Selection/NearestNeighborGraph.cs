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
/// Cost: |U|·n·d multiply-adds (half of them for the pool) plus O(|U|·n) vector compares and at most about
/// |U|·k·(1 + ln(n/k)) heap offers (far fewer for the pool, see below). Tiles run in parallel and no two concurrent
/// tiles touch the same row's heap: a represented tile row is one work item owning its rows; for the pool, whose
/// points are first put in a spatial order (<see cref="SpatialOrder"/>), workers take the tiles I ≤ J from one list
/// in band order outwards from the diagonal (<see cref="BandSchedule"/>) and hold the locks of tile rows I and J, so
/// that each row meets its near points first and its threshold is tight before the far tiles. A row's kept set is the
/// k best of all its entries under a strict total order, whatever order they arrive in, so the graph does not depend
/// on the thread count or the schedule.
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
        int threads = maxDegreeOfParallelism < 1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        if (!representedIsPool)
        {
            var tiles = new NeighborTiles(candidates.Span, represented.Span, kernel, microKernel, maxDegreeOfParallelism);
            if (tiles.RowTiles >= threads || tiles.ColumnTiles == 1)
            {
                RunRound(tiles, tiles.RowTiles, maxDegreeOfParallelism, (t, buffer) => ProcessColumns(tiles, t, 0, tiles.ColumnTiles, heaps, buffer, scanWidth));
            }
            else
            {
                // Fewer tile rows than threads (a small U against a large pool): each thread takes a share of the
                // candidate tiles into heaps of its own, merged after (the kept set does not depend on the order).
                int shares = Math.Min(threads, tiles.ColumnTiles);
                var partial = new NeighborHeaps[shares];
                RunRound(tiles, shares, maxDegreeOfParallelism, (share, buffer) =>
                {
                    partial[share] = new NeighborHeaps(m, neighbors, heaps.RbfGamma);
                    for (int t = 0; t < tiles.RowTiles; t++)
                    {
                        ProcessColumns(tiles, t, share * tiles.ColumnTiles / shares, (share + 1) * tiles.ColumnTiles / shares, partial[share], buffer, scanWidth);
                    }
                });
                for (int i = 0; i < m; i++)
                {
                    foreach (NeighborHeaps part in partial)
                    {
                        heaps.Fill(i, part.Entries(i));
                    }
                }
            }

            return Transpose(heaps, null, null, m, n);
        }

        // The pool in a spatial order: heap row and tile position p hold point ids[p].
        int[] ids = SpatialOrder.Compute(candidates.Span, pointsPerCell, maxDegreeOfParallelism);
        float[,] ordered = Reorder(candidates.Span, ids);
        var poolTiles = new NeighborTiles(new ReadOnlySpan2D<float>(ordered), new ReadOnlySpan2D<float>(ordered), kernel, microKernel, maxDegreeOfParallelism);
        float[] self = new float[m];
        (int Row, int Column)[] schedule = BandSchedule(poolTiles.RowTiles);
        object[] rowLocks = new object[poolTiles.RowTiles];
        for (int t = 0; t < rowLocks.Length; t++)
        {
            rowLocks[t] = new object();
        }

        int workers = Math.Min(schedule.Length, threads);
        int next = -1;
        RunRound(poolTiles, workers, workers, (_, buffer) =>
        {
            int t;
            while ((t = Interlocked.Increment(ref next)) < schedule.Length)
            {
                (int row, int column) = schedule[t];
                // A tile changes the heaps of its row tile and of its column tile: hold both (lower first, no deadlock).
                lock (rowLocks[row])
                {
                    lock (rowLocks[column])
                    {
                        poolTiles.Process(row, column, symmetric: true, ids, heaps, self, buffer, scanWidth);
                    }
                }
            }
        });

        return Transpose(heaps, self, ids, m, n);
    }

    /// <summary>
    /// The tiles I ≤ J of a symmetric tile grid band by band outwards from the diagonal (offset J − I = 0, 1, 2, …);
    /// within an offset, the tiles with ⌊I / offset⌋ even before the odd ones, so that tiles next to each other in the
    /// list touch disjoint tile rows and concurrent workers rarely wait for each other's locks.
    /// </summary>
    internal static (int Row, int Column)[] BandSchedule(int tiles)
    {
        var schedule = new (int Row, int Column)[tiles * (tiles + 1) / 2];
        int count = 0;
        for (int offset = 0; offset < tiles; offset++)
        {
            for (int parity = 0; parity < (offset == 0 ? 1 : 2); parity++)
            {
                for (int t = 0; t + offset < tiles; t++)
                {
                    if (offset == 0 || (t / offset % 2) == parity)
                    {
                        schedule[count++] = (t, t + offset);
                    }
                }
            }
        }

        return schedule;
    }

    private static void ProcessColumns(NeighborTiles tiles, int rowTile, int columnTileStart, int columnTileEnd, NeighborHeaps heaps, float[] buffer, int scanWidth)
    {
        for (int c = columnTileStart; c < columnTileEnd; c++)
        {
            tiles.Process(rowTile, c, symmetric: false, null, heaps, null, buffer, scanWidth);
        }
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
