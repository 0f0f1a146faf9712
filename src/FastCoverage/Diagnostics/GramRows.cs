using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Diagnostics;

/// <summary>Receives row i of a Gram matrix (or its upper part, columns i..n−1).</summary>
internal delegate void GramRowVisitor(int i, ReadOnlySpan<float> row);

/// <summary>
/// Streams the rows of G = k(X, X) through the Gram core in row blocks of at most <see cref="BufferFloats"/> entries,
/// so that diagnostics over all n² pairs need O(n) memory, never an n×n matrix. Rows arrive in order 0..n−1, so
/// sums accumulated by the visitor are deterministic.
/// </summary>
internal static class GramRows
{
    /// <summary>Largest block buffer, in floats (16 MiB).</summary>
    internal const int BufferFloats = 1 << 22;

    /// <summary>Rows per block for rows of length <paramref name="width"/>.</summary>
    internal static int BlockRows(int width) => Math.Clamp(BufferFloats / Math.Max(1, width), 1, 256);

    /// <summary>Visits the upper rows [k(xᵢ, xⱼ) for j = i..n−1] (the first entry is the diagonal).</summary>
    public static void ForEachUpperRow(ReadOnlySpan2D<float> x, Kernel kernel, int maxDegreeOfParallelism, GramRowVisitor visit)
    {
        int n = x.Height;
        int rows = BlockRows(n);
        float[] buffer = new float[rows * n];
        for (int i0 = 0; i0 < n; i0 += rows)
        {
            int i1 = Math.Min(n, i0 + rows);
            int width = n - i0;
            var block = new Span2D<float>(buffer, i1 - i0, width);
            Gram.ComputeRows(x, x.Slice(i0, 0, width, x.Width), kernel, i0, i1, block, maxDegreeOfParallelism);
            for (int i = i0; i < i1; i++)
            {
                visit(i, block.GetRowSpan(i - i0)[(i - i0)..]);
            }
        }
    }
}
