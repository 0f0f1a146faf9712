using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Kernels;

/// <summary>
/// Y prepared once for streaming K = k(X, Y) in row blocks: Y packed into the micro-kernel's panels and its row
/// statistics (‖y‖² or ‖y‖), so that each <see cref="ComputeRows"/> call only packs its own rows of X.
/// </summary>
/// <remarks>
/// Callers validate Y (non-empty, finite) before preparing it. A source prepared for one call (<c>pooled</c>) holds
/// pooled storage and is disposed after it; a long-lived one keeps its panels on the pinned object heap.
/// </remarks>
internal sealed unsafe class GramRowSource : IDisposable
{
    private readonly PackedPanels panels;
    private readonly float[] statistics;
    private readonly float gamma;

    /// <summary>Packs <paramref name="y"/> (m×d) for <paramref name="kernel"/> and <paramref name="microKernel"/>.</summary>
    public GramRowSource(ReadOnlySpan2D<float> y, Kernel kernel, GramMicroKernel microKernel, int maxDegreeOfParallelism, bool pooled = false)
    {
        Kernel = kernel;
        MicroKernel = microKernel;
        gamma = kernel.Kind == KernelKind.Rbf ? kernel.ResolveGamma(y.Width) : 0f;
        fixed (float* py = &Unsafe.AsRef(in y.GetRowSpan(0).GetPinnableReference()))
        {
            var view = new MatrixView(py, y.Height, y.Width, MatrixView.StrideOf(y));
            panels = PackedPanels.Pack(view, 0, y.Height, microKernel.Columns, maxDegreeOfParallelism, pooled);
            statistics = RowStatistics.Compute(view, 0, y.Height, kernel.Kind, GramProblem.PaddedLength(y.Height, microKernel));
        }
    }

    /// <summary>The kernel function.</summary>
    public Kernel Kernel { get; }

    /// <summary>The micro-kernel the panels are packed for.</summary>
    public GramMicroKernel MicroKernel { get; }

    /// <summary>m, the number of rows of Y (columns of K).</summary>
    public int Count => panels.Count;

    /// <summary>d, the feature dimension.</summary>
    public int Dimension => panels.Depth;

    /// <summary>
    /// Writes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of K = k(X, Y) into
    /// <paramref name="destination"/> ((rowEnd − rowStart) × m). Arguments are checked by the caller.
    /// </summary>
    public void ComputeRows(ReadOnlySpan2D<float> x, int rowStart, int rowEnd, Span2D<float> destination, int maxDegreeOfParallelism)
    {
        if (rowEnd == rowStart)
        {
            return;
        }

        fixed (float* px = &Unsafe.AsRef(in x.GetRowSpan(0).GetPinnableReference()))
        fixed (float* pk = &destination.GetRowSpan(0).GetPinnableReference())
        {
            var xView = new MatrixView(px, x.Height, x.Width, MatrixView.StrideOf(x));
            var kView = new MatrixView(pk, destination.Height, destination.Width, MatrixView.StrideOf(destination));
            using PackedPanels a = PackedPanels.Pack(xView, rowStart, rowEnd, MicroKernel.Rows, maxDegreeOfParallelism, pooled: true);
            float[] aStatistics = RowStatistics.Compute(xView, rowStart, rowEnd, Kernel.Kind, GramProblem.PaddedLength(rowEnd - rowStart, MicroKernel));
            var problem = new GramProblem(MicroKernel, a, aStatistics, panels, statistics, Kernel.Kind, gamma, kView, Symmetric: false);
            GramTiles.Run(problem, maxDegreeOfParallelism);
        }
    }

    /// <summary>Returns pooled panel storage (see the remarks).</summary>
    public void Dispose() => panels.Dispose();
}
