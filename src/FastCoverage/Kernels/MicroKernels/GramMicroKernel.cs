namespace FastCoverage.Kernels.MicroKernels;

/// <summary>
/// A register-blocked micro-kernel: C[0..Rows, 0..Columns) (+)= A·Bᵀ over <c>depth</c> steps, where A is a packed
/// panel of <see cref="Rows"/> rows of X (depth-major: Rows values per step) and B a packed panel of
/// <see cref="Columns"/> rows of Y (Columns values per step).
/// </summary>
/// <remarks>
/// Every implementation computes each entry as the same sequential chain of fused multiply-adds,
/// c ← fma(a[p], b[p], c) for p = 0, 1, …, starting from +0 (or from the stored partial sum when accumulating),
/// so all micro-kernels produce bitwise identical results; they differ only in speed.
/// </remarks>
internal abstract unsafe class GramMicroKernel
{
    /// <summary>The name used by <c>FASTCOVERAGE_GRAM_KERNEL</c>: scalar, vector256 or vector512.</summary>
    public abstract string Name { get; }

    /// <summary>Rows of the accumulator tile (MR): rows of X per packed A panel.</summary>
    public abstract int Rows { get; }

    /// <summary>Columns of the accumulator tile (NR): rows of Y per packed B panel.</summary>
    public abstract int Columns { get; }

    /// <summary>
    /// Side of the square cache tile (a multiple of <see cref="Rows"/>, <see cref="Columns"/> and 16) whose dot
    /// products are accumulated in a thread-local buffer before the epilogue.
    /// </summary>
    public abstract int TileSize { get; }

    /// <summary>The SIMD width the epilogue uses with this micro-kernel: 16, 8 or 1 floats.</summary>
    public abstract int EpilogueWidth { get; }

    /// <summary>
    /// Runs <paramref name="depth"/> steps: c[r·cStride + j] (+)= Σₚ a[p·Rows + r]·b[p·Columns + j].
    /// </summary>
    /// <param name="a">Packed A panel at the first step.</param>
    /// <param name="b">Packed B panel at the first step.</param>
    /// <param name="depth">Number of steps (≥ 1).</param>
    /// <param name="c">Top-left of the Rows×Columns output tile.</param>
    /// <param name="cStride">Row stride of <paramref name="c"/> in floats.</param>
    /// <param name="accumulate">Continue from the sums stored in <paramref name="c"/> instead of from zero.</param>
    public abstract void MultiplyAdd(float* a, float* b, int depth, float* c, nint cStride, bool accumulate);
}
