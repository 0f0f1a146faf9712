using System.Numerics.Tensors;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Selection;

/// <summary>
/// A locality-preserving order of a point set for the kNN tile schedule: pivots by farthest-first traversal of a strided
/// sample (about one pivot per <see cref="PointsPerCell"/> points), each point in the cell of its nearest pivot (the first on ties), the
/// cells in the order of a greedy nearest-neighbour tour of the pivots, and points by index within a cell.
/// </summary>
/// <remarks>
/// Only speed depends on the order: when tiles near the diagonal of the reordered similarity come first, each row's
/// heap fills with near neighbours early and later tiles rarely get past its threshold. The kNN result is defined on
/// the original indices and does not depend on the order.
/// </remarks>
internal static class SpatialOrder
{
    /// <summary>Points per cell, on average, by default.</summary>
    public const int PointsPerCell = 512;

    /// <summary>Sample points per cell from which the pivots are drawn.</summary>
    private const int SamplePerCell = 16;

    /// <summary>Floats of the block of point-to-pivot distances computed at a time (4 MiB).</summary>
    private const int AssignmentBlockFloats = 1 << 20;

    /// <summary>At most this many cells (the assignment is n × cells distances).</summary>
    private const int MaxCells = 1024;

    /// <summary>The points' original indices in their new order, about <paramref name="pointsPerCell"/> points per cell.</summary>
    public static int[] Compute(ReadOnlySpan2D<float> x, int pointsPerCell, int maxDegreeOfParallelism)
    {
        int n = x.Height;
        int d = x.Width;
        int cells = Math.Clamp(n / pointsPerCell, 1, MaxCells);
        int[] order = new int[n];
        if (cells == 1)
        {
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            return order;
        }

        // Pivots from a strided sample of about SamplePerCell points per cell: enough to spread them, cheap to traverse.
        int stride = Math.Max(1, n / (SamplePerCell * cells));
        int sampleSize = (n + stride - 1) / stride;
        var sample = new float[sampleSize, d];
        for (int s = 0; s < sampleSize; s++)
        {
            x.GetRowSpan(s * stride).CopyTo(new Span2D<float>(sample).GetRowSpan(s));
        }

        int[] pivots = KCenterEngine.Run(new ReadOnlySpan2D<float>(sample), cells, 0, prune: true, maxDegreeOfParallelism).Indices;
        var pivotRows = new float[cells, d];
        for (int c = 0; c < cells; c++)
        {
            new ReadOnlySpan2D<float>(sample).GetRowSpan(pivots[c]).CopyTo(new Span2D<float>(pivotRows).GetRowSpan(c));
        }

        int[] rank = TourRanks(pivotRows, maxDegreeOfParallelism);
        int[] cellRank = new int[n];
        int[] start = new int[cells + 1];
        int blockRows = Math.Clamp(AssignmentBlockFloats / cells, 1, n);
        float[] distances = new float[blockRows * cells];
        for (int i0 = 0; i0 < n; i0 += blockRows)
        {
            int rows = Math.Min(blockRows, n - i0);
            Gram.Compute(x.Slice(i0, 0, rows, d), new ReadOnlySpan2D<float>(pivotRows), Kernel.SquaredEuclidean, new Span2D<float>(distances, rows, cells), maxDegreeOfParallelism);
            for (int i = 0; i < rows; i++)
            {
                int best = TensorPrimitives.IndexOfMin(distances.AsSpan(i * cells, cells));
                cellRank[i0 + i] = rank[best];
                start[rank[best] + 1]++;
            }
        }

        for (int c = 0; c < cells; c++)
        {
            start[c + 1] += start[c];
        }

        for (int i = 0; i < n; i++)
        {
            order[start[cellRank[i]]++] = i;
        }

        return order;
    }

    /// <summary>The position of each pivot on a greedy nearest-neighbour tour from pivot 0 (ties by lowest index).</summary>
    private static int[] TourRanks(float[,] pivots, int maxDegreeOfParallelism)
    {
        int cells = pivots.GetLength(0);
        var distances = new float[cells, cells];
        Gram.ComputeSymmetric(new ReadOnlySpan2D<float>(pivots), Kernel.SquaredEuclidean, new Span2D<float>(distances), maxDegreeOfParallelism);
        int[] rank = new int[cells];
        Array.Fill(rank, -1);
        int current = 0;
        rank[0] = 0;
        for (int step = 1; step < cells; step++)
        {
            int next = -1;
            for (int c = 0; c < cells; c++)
            {
                if (rank[c] < 0 && (next < 0 || distances[current, c] < distances[current, next]))
                {
                    next = c;
                }
            }

            rank[next] = step;
            current = next;
        }

        return rank;
    }
}
