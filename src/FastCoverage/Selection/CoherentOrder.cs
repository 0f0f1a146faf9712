using System.Numerics.Tensors;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Selection;

/// <summary>
/// An order of points in which neighbours sit together, so that the groups of 64 consecutive represented points that
/// <see cref="FacilityGainKernel.SumSkippingCovered(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// skips are small regions, which the coverage dominates as soon as one pick lands near them. Pivots are every
/// (m/P)-th point (P = m / <see cref="PointsPerPivot"/>); each point goes to its nearest pivot in squared Euclidean
/// distance (ties to the lowest pivot), and the points are listed pivot by pivot, ascending index within a pivot.
/// </summary>
/// <remarks>
/// Deterministic and independent of the thread count (the distances come from the Gram core, whose entries do not
/// depend on it). The order only decides how much is skipped, never a result: gains are the same kernel sums in the
/// permuted order. Cost: m·P·d multiply-adds and one pass, small next to the m² Gram it serves.
/// </remarks>
internal static class CoherentOrder
{
    /// <summary>Points per pivot, about one group of 64 (measured on 50 blobs: 256 → 22 %, 64 → 12.5 %, 32 → 15 % of the groups read per re-evaluation).</summary>
    public const int PointsPerPivot = 64;

    /// <summary>Rows of distances computed per block.</summary>
    private const int BlockRows = 1024;

    /// <summary>order[r] = the index of the point stored at position r.</summary>
    public static int[] Compute(ReadOnlySpan2D<float> points, int maxDegreeOfParallelism)
    {
        int m = points.Height;
        int d = points.Width;
        int pivots = m / PointsPerPivot;
        if (pivots < 2)
        {
            return [.. Enumerable.Range(0, m)];
        }

        float[] pivotRows = new float[pivots * d];
        for (int p = 0; p < pivots; p++)
        {
            points.GetRowSpan((int)((long)p * m / pivots)).CopyTo(pivotRows.AsSpan(p * d, d));
        }

        int[] nearest = new int[m];
        float[] block = new float[Math.Min(BlockRows, m) * pivots];
        using var packedPivots = new GramRowSource(new ReadOnlySpan2D<float>(pivotRows, pivots, d), new Kernel(KernelKind.SquaredEuclidean), GramMicroKernels.Default, maxDegreeOfParallelism);
        for (int i0 = 0; i0 < m; i0 += BlockRows)
        {
            int i1 = Math.Min(m, i0 + BlockRows);
            packedPivots.ComputeRows(points, i0, i1, new Span2D<float>(block, i1 - i0, pivots), maxDegreeOfParallelism);
            for (int i = i0; i < i1; i++)
            {
                nearest[i] = TensorPrimitives.IndexOfMin(block.AsSpan((i - i0) * pivots, pivots));
            }
        }

        // Counting sort by pivot, stable in the index.
        int[] start = new int[pivots + 1];
        foreach (int p in nearest)
        {
            start[p + 1]++;
        }

        for (int p = 0; p < pivots; p++)
        {
            start[p + 1] += start[p];
        }

        int[] order = new int[m];
        for (int i = 0; i < m; i++)
        {
            order[start[nearest[i]]++] = i;
        }

        return order;
    }
}
