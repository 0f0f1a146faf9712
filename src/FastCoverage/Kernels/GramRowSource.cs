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
            var kView = new MatrixView(pk, destination.Height, destination.Width, MatrixView.StrideOf(destination));
            PackedRows a = PackRows(new MatrixView(px, x.Height, x.Width, MatrixView.StrideOf(x)), rowStart, rowEnd, maxDegreeOfParallelism, pooled: true);
            using PackedPanels pooledPanels = a.Panels;
            var problem = new GramProblem(MicroKernel, a.Panels, a.Statistics, panels, statistics, Kernel.Kind, gamma, kView, Symmetric: false);
            GramTiles.Run(problem, maxDegreeOfParallelism);
        }
    }

    /// <summary>Returns pooled panel storage (see the remarks).</summary>
    public void Dispose() => panels.Dispose();

    /// <summary>
    /// Rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of X packed for the micro-kernel, with their row
    /// statistics; <paramref name="pooled"/> panels are the caller's to dispose.
    /// </summary>
    public PackedRows PackRows(MatrixView x, int rowStart, int rowEnd, int maxDegreeOfParallelism, bool pooled = false)
    {
        PackedPanels a = PackedPanels.Pack(x, rowStart, rowEnd, MicroKernel.Rows, maxDegreeOfParallelism, pooled);
        float[] aStatistics = RowStatistics.Compute(x, rowStart, rowEnd, Kernel.Kind, GramProblem.PaddedLength(rowEnd - rowStart, MicroKernel));
        return new PackedRows(a, aStatistics);
    }

    /// <summary>
    /// Writes the block K[rows of <paramref name="rows"/>, columns [<paramref name="columnStart"/>, columnStart + <paramref name="columns"/>))
    /// into <paramref name="destination"/> (row stride <paramref name="stride"/>), on the calling thread: every packed row
    /// (whole panels, so room for ⌈rows / MR⌉·MR rows) times the columns rounded up to a multiple of NR and 16; the padding
    /// holds unspecified values. <paramref name="columnStart"/> must be a multiple of NR and the columns must lie in [0, m).
    /// Only the A panels whose bit is set in <paramref name="panelMask"/> are computed (bit b for panel b; all panels are
    /// below 64); the others' rows are left as they were.
    /// </summary>
    /// <remarks>
    /// Each entry is the Gram core's: the same packed panels, the same micro-kernel chain of fused multiply-adds with the
    /// same depth steps (<see cref="GramTiles.DepthStep"/>), and the same epilogue with the same row statistics, so the
    /// block equals the corresponding entries of <see cref="ComputeRows"/> bitwise.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ComputeBlock(PackedRows rows, int columnStart, int columns, float* destination, nint stride, ulong panelMask = ulong.MaxValue)
    {
        GramMicroKernel kernel = MicroKernel;
        int mr = kernel.Rows;
        int nr = kernel.Columns;
        int aPanels = rows.Panels.Panels;
        int bPanel0 = columnStart / nr;
        int bPanels = (columns + nr - 1) / nr;
        int depth = panels.Depth;
        int step = GramTiles.DepthStep(depth);
        for (int p0 = 0; p0 < depth; p0 += step)
        {
            int kc = Math.Min(step, depth - p0);
            for (int jb = 0; jb < bPanels; jb++)
            {
                float* b = panels.Panel(bPanel0 + jb) + ((nint)p0 * nr);
                for (int ib = 0; ib < aPanels; ib++)
                {
                    if ((panelMask & (1UL << ib)) == 0)
                    {
                        continue;
                    }

                    kernel.MultiplyAdd(rows.Panels.Panel(ib) + ((nint)p0 * mr), b, kc, destination + ((nint)ib * mr * stride) + (jb * nr), stride, p0 > 0);
                }
            }
        }

        int padded = (columns + 15) & ~15;
        fixed (float* aStatistics = rows.Statistics)
        fixed (float* bStatistics = statistics)
        {
            for (int i = 0; i < rows.Panels.Count; i++)
            {
                if ((panelMask & (1UL << (i / mr))) == 0)
                {
                    continue;
                }

                GramEpilogue.Apply(Kernel.Kind, gamma, kernel.EpilogueWidth, aStatistics[i], bStatistics + columnStart, destination + (i * stride), padded);
            }
        }
    }
}

/// <summary>Rows of X packed into the micro-kernel's A panels, with their row statistics (see <see cref="RowStatistics"/>).</summary>
/// <param name="Panels">The packed rows.</param>
/// <param name="Statistics">Their statistics, padded with zeros.</param>
internal readonly record struct PackedRows(PackedPanels Panels, float[] Statistics);
