using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Selection;

/// <summary>
/// One cache tile of the kNN similarity at a time: the represented rows packed once into the micro-kernel's row panels
/// (A) and the candidates into its column panels (B), each tile's dot products accumulated into a thread-local buffer of
/// TileSize × TileSize (≈ 200 KB for the 14×32 AVX-512 kernel, in L2), turned into nonnegative similarities by the Gram
/// epilogue and <see cref="NonnegativeSimilarity"/>, and scanned into the rows' heaps while still in cache. No block of
/// Gram rows is ever written to memory.
/// </summary>
/// <remarks>
/// Every entry is the micro-kernels' fused multiply-add chain followed by the same epilogue as the dense Gram routines,
/// so the kept similarities are bitwise the dense ones (the diagonal of a cosine pool is 1, as in the symmetric Gram).
/// </remarks>
internal sealed unsafe class NeighborTiles
{
    private readonly GramMicroKernel microKernel;
    private readonly PackedPanels a;
    private readonly float[] aStatistics;
    private readonly PackedPanels b;
    private readonly float[] bStatistics;
    private readonly KernelKind kind;
    private readonly float gamma;

    /// <summary>Packs U (<paramref name="represented"/>) and X (<paramref name="candidates"/>) for <paramref name="kernel"/>.</summary>
    public NeighborTiles(ReadOnlySpan2D<float> candidates, ReadOnlySpan2D<float> represented, Kernel kernel, GramMicroKernel microKernel, int maxDegreeOfParallelism)
    {
        this.microKernel = microKernel;
        kind = kernel.Kind;
        gamma = kind == KernelKind.Rbf ? kernel.ResolveGamma(candidates.Width) : 0f;
        (a, aStatistics) = Pack(represented, kind, microKernel.Rows, microKernel, maxDegreeOfParallelism);
        (b, bStatistics) = Pack(candidates, kind, microKernel.Columns, microKernel, maxDegreeOfParallelism);
    }

    /// <summary>Rows and columns of a tile.</summary>
    public int TileSize => microKernel.TileSize;

    /// <summary>Floats of a thread's tile buffer, including room to align it to 64 bytes.</summary>
    public int BufferLength => (TileSize * Stride) + 16;

    /// <summary>Tiles down the represented rows.</summary>
    public int RowTiles => (a.Count + TileSize - 1) / TileSize;

    /// <summary>Tiles across the candidates.</summary>
    public int ColumnTiles => (b.Count + TileSize - 1) / TileSize;

    private int Stride => TileSize + 16;

    /// <summary>
    /// Computes tile (<paramref name="rowTile"/>, <paramref name="columnTile"/>) and offers its entries to
    /// <paramref name="heaps"/>: to the represented rows, and with <paramref name="symmetric"/> (U is the pool, tiles
    /// I ≤ J only) also to the columns' rows; a symmetric diagonal tile fills its rows' heaps in one batch each, skips
    /// i = j and records sᵢᵢ in <paramref name="self"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(int rowTile, int columnTile, bool symmetric, int[]? ids, NeighborHeaps heaps, float[]? self, float[] buffer, int scanWidth)
    {
        int r0 = rowTile * TileSize;
        int c0 = columnTile * TileSize;
        int rows = Math.Min(TileSize, a.Count - r0);
        int columns = Math.Min(TileSize, b.Count - c0);
        bool diagonal = symmetric && rowTile == columnTile;
        fixed (float* pinned = buffer)
        {
            float* tile = (float*)(((nint)pinned + 63) & ~(nint)63);
            ComputeDots(r0, rows, c0, columns, tile);
            Keys(r0, rows, c0, columns, tile, diagonal, self);
            if (diagonal)
            {
                FillDiagonal(tile, rows, r0, ids, heaps);
            }
            else
            {
                NeighborTileScan.Scan(tile, Stride, rows, columns, r0, c0, ids, heaps, transposed: symmetric, scanWidth);
            }
        }
    }

    /// <summary>tile[i·Stride + j] = ⟨uᵢ, xⱼ⟩ for the tile's whole micro-panels (rows and columns past the data are 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeDots(int r0, int rows, int c0, int columns, float* tile)
    {
        int mr = microKernel.Rows;
        int nr = microKernel.Columns;
        int aPanels = (rows + mr - 1) / mr;
        int bPanels = (columns + nr - 1) / nr;
        int depth = a.Depth;
        int blocks = (depth + GramTiles.DepthBlock - 1) / GramTiles.DepthBlock;
        int step = (depth + blocks - 1) / blocks;
        for (int p0 = 0; p0 < depth; p0 += step)
        {
            int kc = Math.Min(step, depth - p0);
            for (int jb = 0; jb < bPanels; jb++)
            {
                float* bPanel = b.Panel((c0 / nr) + jb) + ((nint)p0 * nr);
                for (int ib = 0; ib < aPanels; ib++)
                {
                    float* aPanel = a.Panel((r0 / mr) + ib) + ((nint)p0 * mr);
                    microKernel.MultiplyAdd(aPanel, bPanel, kc, tile + ((nint)ib * mr * Stride) + (jb * nr), Stride, p0 > 0);
                }
            }
        }
    }

    /// <summary>
    /// The scan keys of each tile row (columns rounded up to 16, all in the buffer): for RBF the negated squared
    /// distance (<see cref="NeighborHeaps"/>), otherwise — and in a diagonal tile of the pool, whose rows fill their
    /// heaps by value — the Gram epilogue and the nonnegative map.
    /// </summary>
    private void Keys(int r0, int rows, int c0, int columns, float* tile, bool diagonal, float[]? self)
    {
        int padded = (columns + 15) & ~15;
        fixed (float* aStats = aStatistics)
        fixed (float* bStats = bStatistics)
        {
            for (int i = 0; i < rows; i++)
            {
                float* row = tile + ((nint)i * Stride);
                if (kind == KernelKind.Rbf && !diagonal)
                {
                    NegatedSquaredDistances(aStats[r0 + i], bStats + c0, row, padded);
                }
                else
                {
                    GramEpilogue.Apply(kind, gamma, microKernel.EpilogueWidth, aStats[r0 + i], bStats + c0, row, padded);
                }
                if (diagonal && kind == KernelKind.Cosine && aStats[r0 + i] > 0f)
                {
                    row[i] = 1f;
                }

                NonnegativeSimilarity.Apply(kind, new Span<float>(row, columns));
                if (diagonal && self is not null)
                {
                    self[r0 + i] = row[i];
                }
            }
        }
    }

    /// <summary>
    /// The first tile of each pool row is its diagonal tile (the band schedule starts there), so a row fills its empty
    /// heap from all the tile's other entries at once (<see cref="NeighborHeaps.Fill"/>: one sort) instead of offering
    /// them one by one.
    /// </summary>
    private void FillDiagonal(float* tile, int rows, int r0, int[]? ids, NeighborHeaps heaps)
    {
        Span<ulong> batch = rows <= 512 ? stackalloc ulong[rows] : new ulong[rows];
        for (int i = 0; i < rows; i++)
        {
            float* row = tile + ((nint)i * Stride);
            int count = 0;
            for (int j = 0; j < rows; j++)
            {
                if (j != i)
                {
                    batch[count++] = NeighborHeaps.Encode(row[j], ids is null ? r0 + j : ids[r0 + j]);
                }
            }

            heaps.Fill(r0 + i, batch[..count]);
        }
    }

    /// <summary>
    /// row[j] ← min(fma(2, row[j], −(x + y[j])), 0) = −max(fma(−2, row[j], x + y[j]), 0): exactly the negated squared
    /// distance of the Gram epilogue (one rounding in either fma, and rounding to nearest is symmetric in sign), in one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NegatedSquaredDistances(float x, float* y, float* row, int length)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> vx = Vector512.Create(x), two = Vector512.Create(2f);
            for (; j + 16 <= length; j += 16)
            {
                Vector512<float> k = Vector512.FusedMultiplyAdd(two, Vector512.Load(row + j), -(vx + Vector512.Load(y + j)));
                Vector512.ConditionalSelect(Vector512.LessThan(k, Vector512<float>.Zero), k, Vector512<float>.Zero).Store(row + j);
            }
        }

        for (; j < length; j++)
        {
            float k = MathF.FusedMultiplyAdd(2f, row[j], -(x + y[j]));
            row[j] = k < 0f ? k : 0f;
        }
    }

    private static (PackedPanels Panels, float[] Statistics) Pack(ReadOnlySpan2D<float> x, KernelKind kind, int panelRows, GramMicroKernel microKernel, int maxDegreeOfParallelism)
    {
        fixed (float* px = &Unsafe.AsRef(in x.GetRowSpan(0).GetPinnableReference()))
        {
            var view = new MatrixView(px, x.Height, x.Width, MatrixView.StrideOf(x));
            return (PackedPanels.Pack(view, 0, x.Height, panelRows, maxDegreeOfParallelism),
                RowStatistics.Compute(view, 0, x.Height, kind, GramProblem.PaddedLength(x.Height, microKernel)));
        }
    }
}
