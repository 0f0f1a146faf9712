using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Kernels;

/// <summary>
/// One blocked Gram computation: packed X rows (A, in MR-row panels), packed Y rows (B, in NR-row panels), their
/// row statistics padded with zeros (see <see cref="PaddedLength"/>), the kernel and the destination.
/// </summary>
/// <param name="MicroKernel">The micro-kernel whose MR/NR the panels use.</param>
/// <param name="A">X rows, destination row i ↔ A row i.</param>
/// <param name="AStatistics">Row statistics of A (see <see cref="RowStatistics"/>).</param>
/// <param name="B">Y rows, destination column j ↔ B row j.</param>
/// <param name="BStatistics">Row statistics of B.</param>
/// <param name="Kind">The kernel function.</param>
/// <param name="Gamma">γ for RBF, else unused.</param>
/// <param name="Destination">K, A.Count × B.Count.</param>
/// <param name="Symmetric">A and B hold the same rows: compute tile pairs I ≤ J once and mirror them.</param>
internal readonly record struct GramProblem(
    GramMicroKernel MicroKernel,
    PackedPanels A,
    float[] AStatistics,
    PackedPanels B,
    float[] BStatistics,
    KernelKind Kind,
    float Gamma,
    MatrixView Destination,
    bool Symmetric)
{
    /// <summary>Length of a statistics array for <paramref name="count"/> rows: a whole number of tiles and 16 spare entries.</summary>
    public static int PaddedLength(int count, GramMicroKernel microKernel) =>
        ((count + microKernel.TileSize - 1) / microKernel.TileSize * microKernel.TileSize) + 16;
}
