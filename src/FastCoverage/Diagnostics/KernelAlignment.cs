using System.Numerics.Tensors;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Diagnostics;

/// <summary>
/// Kernel alignment A(K₁, K₂) = ⟨K₁, K₂⟩_F / (‖K₁‖_F·‖K₂‖_F) (Cristianini et al., 2002), the misalignment measure of
/// whose-geometry §3: the learner-geometry advantage scales with the gap g = 1 − A(K, k_in) (Eq. 2). The paper uses
/// this uncentered form; for alignment with labels see <see cref="GramStructureResult.LabelAlignment"/>.
/// </summary>
public static class KernelAlignment
{
    /// <summary>A(K₁, K₂) of two precomputed matrices of the same shape, accumulated in double.</summary>
    /// <param name="first">K₁.</param>
    /// <param name="second">K₂, the same shape as K₁.</param>
    /// <returns>The alignment, in [−1, 1] (in [0, 1] for positive semidefinite or nonnegative matrices).</returns>
    /// <exception cref="ArgumentException">Shapes differ, a matrix is empty, zero or not finite.</exception>
    public static double Compute(ReadOnlySpan2D<float> first, ReadOnlySpan2D<float> second)
    {
        if (first.Height != second.Height || first.Width != second.Width)
        {
            throw new ArgumentException($"second is {second.Height}×{second.Width} but first is {first.Height}×{first.Width}.", nameof(second));
        }

        if (first.Height == 0 || first.Width == 0)
        {
            throw new ArgumentException("The matrices must be non-empty.", nameof(first));
        }

        Finite.ThrowIfNotFinite(first, nameof(first));
        Finite.ThrowIfNotFinite(second, nameof(second));
        double inner = 0;
        double firstSquares = 0;
        double secondSquares = 0;
        for (int i = 0; i < first.Height; i++)
        {
            ReadOnlySpan<float> a = first.GetRowSpan(i);
            ReadOnlySpan<float> b = second.GetRowSpan(i);
            inner += TensorPrimitives.Dot(a, b);
            firstSquares += TensorPrimitives.SumOfSquares(a);
            secondSquares += TensorPrimitives.SumOfSquares(b);
        }

        return Normalize(inner, firstSquares, secondSquares);
    }

    /// <summary>
    /// A(k₁(X₁, X₁), k₂(X₂, X₂)) for two representations of the same n points (e.g. input features and learner
    /// embeddings), streamed through the Gram core in row blocks: O(n²·(d₁ + d₂)) time, no n×n matrix stored.
    /// </summary>
    /// <param name="first">X₁, n×d₁, finite.</param>
    /// <param name="firstKernel">k₁ (linear, cosine or RBF).</param>
    /// <param name="second">X₂, n×d₂, finite.</param>
    /// <param name="secondKernel">k₂ (linear, cosine or RBF).</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <returns>The alignment of the two Gram matrices.</returns>
    /// <exception cref="ArgumentException">Row counts differ, a matrix is empty or not finite, or a Gram matrix is zero.</exception>
    public static double Compute(ReadOnlySpan2D<float> first, Kernel firstKernel, ReadOnlySpan2D<float> second, Kernel secondKernel, int maxDegreeOfParallelism = -1)
    {
        int n = first.Height;
        if (second.Height != n)
        {
            throw new ArgumentException($"second has {second.Height} rows but first has {n}; both must describe the same points.", nameof(second));
        }

        if (n == 0 || first.Width == 0 || second.Width == 0)
        {
            throw new ArgumentException("The feature matrices must be non-empty.", nameof(first));
        }

        Finite.ThrowIfNotFinite(first, nameof(first));
        Finite.ThrowIfNotFinite(second, nameof(second));
        int rows = GramRows.BlockRows(2 * n);
        float[] firstBuffer = new float[rows * n];
        float[] secondBuffer = new float[rows * n];
        double inner = 0;
        double firstSquares = 0;
        double secondSquares = 0;
        for (int i0 = 0; i0 < n; i0 += rows)
        {
            int i1 = Math.Min(n, i0 + rows);
            var a = new Span2D<float>(firstBuffer, i1 - i0, n);
            var b = new Span2D<float>(secondBuffer, i1 - i0, n);
            Gram.ComputeRows(first, first, firstKernel, i0, i1, a, maxDegreeOfParallelism);
            Gram.ComputeRows(second, second, secondKernel, i0, i1, b, maxDegreeOfParallelism);
            for (int r = 0; r < i1 - i0; r++)
            {
                inner += TensorPrimitives.Dot(a.GetRowSpan(r), b.GetRowSpan(r));
                firstSquares += TensorPrimitives.SumOfSquares(a.GetRowSpan(r));
                secondSquares += TensorPrimitives.SumOfSquares(b.GetRowSpan(r));
            }
        }

        return Normalize(inner, firstSquares, secondSquares);
    }

    private static double Normalize(double inner, double firstSquares, double secondSquares)
    {
        if (firstSquares == 0 || secondSquares == 0)
        {
            throw new ArgumentException("A kernel matrix is zero, so its alignment is undefined.", firstSquares == 0 ? "first" : "second");
        }

        return inner / (Math.Sqrt(firstSquares) * Math.Sqrt(secondSquares));
    }
}
