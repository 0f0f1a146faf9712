using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Kernels;

/// <summary>
/// The Gram core: K = k(X, Y) for row-major float32 feature matrices X (n×d) and Y (m×d),
/// the symmetric K = k(X, X), and row blocks of K written into a caller's buffer.
/// </summary>
/// <remarks>
/// Results do not depend on the number of threads: every entry is computed by the same sequence of
/// floating-point operations whichever thread computes it.
/// </remarks>
public static class Gram
{
    /// <summary>Computes K[i, j] = k(xᵢ, yⱼ) into <paramref name="destination"/> (n×m).</summary>
    /// <param name="x">X, n×d.</param>
    /// <param name="y">Y, m×d.</param>
    /// <param name="kernel">The kernel.</param>
    /// <param name="destination">K, n×m.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <exception cref="ArgumentException">Shapes disagree, a matrix is empty, or a value is NaN/Inf.</exception>
    public static void Compute(ReadOnlySpan2D<float> x, ReadOnlySpan2D<float> y, Kernel kernel, Span2D<float> destination, int maxDegreeOfParallelism = -1)
    {
        GramValidation.Check(x, y, destination.Height, destination.Width, x.Height, nameof(destination));
        GramValidation.CheckParallelism(maxDegreeOfParallelism);
        GramEngine.ComputeRows(x, y, kernel, 0, x.Height, destination, GramMicroKernels.Default, maxDegreeOfParallelism);
    }

    /// <summary>Computes the symmetric K[i, j] = k(xᵢ, xⱼ) into <paramref name="destination"/> (n×n).</summary>
    /// <param name="x">X, n×d.</param>
    /// <param name="kernel">The kernel.</param>
    /// <param name="destination">K, n×n.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <exception cref="ArgumentException">Shapes disagree, X is empty, or a value is NaN/Inf.</exception>
    public static void ComputeSymmetric(ReadOnlySpan2D<float> x, Kernel kernel, Span2D<float> destination, int maxDegreeOfParallelism = -1)
    {
        GramValidation.Check(x, x, destination.Height, destination.Width, x.Height, nameof(destination));
        GramValidation.CheckParallelism(maxDegreeOfParallelism);
        GramEngine.ComputeSymmetric(x, kernel, destination, GramMicroKernels.Default, maxDegreeOfParallelism);
    }

    /// <summary>
    /// Writes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of K = k(X, Y) into
    /// <paramref name="destination"/> ((rowEnd − rowStart)×m), so that callers can stream K without an n×m matrix.
    /// </summary>
    /// <param name="x">X, n×d.</param>
    /// <param name="y">Y, m×d.</param>
    /// <param name="kernel">The kernel.</param>
    /// <param name="rowStart">First row of K to compute.</param>
    /// <param name="rowEnd">One past the last row of K to compute.</param>
    /// <param name="destination">The row block, (rowEnd − rowStart)×m.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <exception cref="ArgumentException">Shapes disagree, the row range is outside [0, n], or a value is NaN/Inf.</exception>
    public static void ComputeRows(ReadOnlySpan2D<float> x, ReadOnlySpan2D<float> y, Kernel kernel, int rowStart, int rowEnd, Span2D<float> destination, int maxDegreeOfParallelism = -1)
    {
        if (rowStart < 0 || rowEnd > x.Height || rowStart > rowEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(rowStart), $"Row range [{rowStart}, {rowEnd}) is outside [0, {x.Height}].");
        }

        GramValidation.Check(x, y, destination.Height, destination.Width, rowEnd - rowStart, nameof(destination));
        GramValidation.CheckParallelism(maxDegreeOfParallelism);
        GramEngine.ComputeRows(x, y, kernel, rowStart, rowEnd, destination, GramMicroKernels.Default, maxDegreeOfParallelism);
    }

    /// <summary>Allocates and returns K = k(X, Y) (n×m).</summary>
    public static Memory2D<float> Compute(ReadOnlyMemory2D<float> x, ReadOnlyMemory2D<float> y, Kernel kernel, int maxDegreeOfParallelism = -1)
    {
        var k = new float[x.Height, y.Height];
        Compute(x.Span, y.Span, kernel, k, maxDegreeOfParallelism);
        return k;
    }

    /// <summary>Allocates and returns the symmetric K = k(X, X) (n×n).</summary>
    public static Memory2D<float> ComputeSymmetric(ReadOnlyMemory2D<float> x, Kernel kernel, int maxDegreeOfParallelism = -1)
    {
        var k = new float[x.Height, x.Height];
        ComputeSymmetric(x.Span, kernel, k, maxDegreeOfParallelism);
        return k;
    }
}
