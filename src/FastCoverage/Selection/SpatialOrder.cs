using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Selection;

/// <summary>
/// A cheap spatial grouping of points: farthest-first pivots (<see cref="KCenter"/>) and each point's nearest pivot
/// (its cell, squared distances from the Gram core, ties by lowest pivot index). Sorting by (cell, index) puts points of
/// one region next to each other, so that a run of consecutive positions tends to lie in one cluster.
/// </summary>
/// <remarks>Deterministic: k-center, the Gram core and the sort do not depend on the thread count.</remarks>
internal static class SpatialOrder
{
    /// <summary>Rows per block of pivot distances.</summary>
    private const int BlockRows = 4096;

    /// <summary>Most points the pivots are chosen from (an evenly strided sample of larger sets).</summary>
    private const int SampleSize = 16384;

    /// <summary>
    /// <paramref name="count"/> farthest-first pivots (from the sample's first row) of an evenly strided sample of at
    /// most <see cref="SampleSize"/> rows of <paramref name="points"/>, packed for distances.
    /// </summary>
    public static GramRowSource Pivots(ReadOnlySpan2D<float> points, int count, int maxDegreeOfParallelism)
    {
        int d = points.Width;
        int stride = Math.Max(1, points.Height / SampleSize);
        int samples = (points.Height + stride - 1) / stride;
        float[] sample = new float[samples * d];
        for (int t = 0; t < samples; t++)
        {
            points.GetRowSpan(t * stride).CopyTo(sample.AsSpan(t * d, d));
        }

        var sampled = new ReadOnlySpan2D<float>(sample, samples, d);
        int[] pivots = KCenterEngine.Run(sampled, Math.Min(count, samples), 0, prune: true, maxDegreeOfParallelism).Indices;
        float[] rows = new float[pivots.Length * d];
        for (int p = 0; p < pivots.Length; p++)
        {
            sampled.GetRowSpan(pivots[p]).CopyTo(rows.AsSpan(p * d, d));
        }

        return new GramRowSource(new ReadOnlySpan2D<float>(rows, pivots.Length, d), Kernel.SquaredEuclidean, GramMicroKernels.Default, maxDegreeOfParallelism);
    }

    /// <summary>The nearest pivot of every row of <paramref name="points"/>.</summary>
    public static int[] Cells(ReadOnlySpan2D<float> points, GramRowSource pivots, int maxDegreeOfParallelism)
    {
        int n = points.Height;
        int p = pivots.Count;
        int[] cells = new int[n];
        float[] distances = new float[Math.Min(BlockRows, n) * p];
        for (int r0 = 0; r0 < n; r0 += BlockRows)
        {
            int r1 = Math.Min(n, r0 + BlockRows);
            pivots.ComputeRows(points, r0, r1, new Span2D<float>(distances, r1 - r0, p), maxDegreeOfParallelism);
            for (int r = r0; r < r1; r++)
            {
                ReadOnlySpan<float> row = distances.AsSpan((r - r0) * p, p);
                int best = 0;
                for (int c = 1; c < p; c++)
                {
                    best = row[c] < row[best] ? c : best;
                }

                cells[r] = best;
            }
        }

        return cells;
    }

    /// <summary>Positions sorted by (cell, index): entry q is the index of the point placed at position q.</summary>
    public static int[] Order(int[] cells)
    {
        int[] order = new int[cells.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        int[] keys = (int[])cells.Clone();
        Array.Sort(keys, order);
        // Array.Sort is not stable: restore ascending index within each cell.
        for (int q0 = 0; q0 < order.Length;)
        {
            int q1 = q0 + 1;
            while (q1 < order.Length && keys[q1] == keys[q0])
            {
                q1++;
            }

            Array.Sort(order, q0, q1 - q0);
            q0 = q1;
        }

        return order;
    }
}
