using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Kernels;

/// <summary>Runs the blocked Gram core for the public entry points (arguments already checked) on a chosen micro-kernel.</summary>
internal static unsafe class GramEngine
{
    /// <summary>Rows [rowStart, rowEnd) of K = k(X, Y) into <paramref name="destination"/>.</summary>
    public static void ComputeRows(ReadOnlySpan2D<float> x, ReadOnlySpan2D<float> y, Kernel kernel, int rowStart, int rowEnd, Span2D<float> destination, GramMicroKernel microKernel, int maxDegreeOfParallelism)
    {
        if (rowEnd == rowStart)
        {
            return;
        }

        using var source = new GramRowSource(y, kernel, microKernel, maxDegreeOfParallelism, pooled: true);
        source.ComputeRows(x, rowStart, rowEnd, destination, maxDegreeOfParallelism);
    }

    /// <summary>The symmetric K = k(X, X): tile pairs I ≤ J computed once and mirrored.</summary>
    public static void ComputeSymmetric(ReadOnlySpan2D<float> x, Kernel kernel, Span2D<float> destination, GramMicroKernel microKernel, int maxDegreeOfParallelism)
    {
        float gamma = kernel.Kind == KernelKind.Rbf ? kernel.ResolveGamma(x.Width) : 0f;
        fixed (float* px = &Unsafe.AsRef(in x.GetRowSpan(0).GetPinnableReference()))
        fixed (float* pk = &destination.GetRowSpan(0).GetPinnableReference())
        {
            var xView = new MatrixView(px, x.Height, x.Width, MatrixView.StrideOf(x));
            var kView = new MatrixView(pk, destination.Height, destination.Width, MatrixView.StrideOf(destination));
            using PackedPanels a = PackedPanels.Pack(xView, 0, x.Height, microKernel.Rows, maxDegreeOfParallelism, pooled: true);
            using PackedPanels b = PackedPanels.Pack(xView, 0, x.Height, microKernel.Columns, maxDegreeOfParallelism, pooled: true);
            float[] statistics = RowStatistics.Compute(xView, 0, x.Height, kernel.Kind, GramProblem.PaddedLength(x.Height, microKernel));
            var problem = new GramProblem(microKernel, a, statistics, b, statistics, kernel.Kind, gamma, kView, Symmetric: true);
            GramTiles.Run(problem, maxDegreeOfParallelism);
        }
    }
}
