using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastCoverage.Kernels;

/// <summary>
/// Rows of a matrix packed into panels of <see cref="PanelRows"/> rows, depth-major (PanelRows consecutive values per
/// feature), in pinned 64-byte-aligned memory, so that a micro-kernel streams a panel with unit stride. Rows past
/// <see cref="Count"/> in the last panel are zero.
/// </summary>
/// <remarks>
/// Storage for one Gram call (<c>pooled</c>) is rented from the shared array pool and pinned until <see cref="Dispose"/>:
/// a fresh multi-megabyte array costs a page fault per 4 KiB on first touch, which on the project's VM was a
/// measurable share of an n = 2000 Gram. Long-lived panels (a <see cref="GramRowSource"/> kept by a selector) live
/// on the pinned object heap instead.
/// </remarks>
internal sealed unsafe class PackedPanels : IDisposable
{
    private const int Alignment = 64;

    // Pinned (on the pinned object heap, or by the handle for pooled storage), so Data stays valid until disposal.
    private float[]? storage;
    private GCHandle handle;

    private PackedPanels(int count, int depth, int panelRows, bool pooled)
    {
        Count = count;
        Depth = depth;
        PanelRows = panelRows;
        Panels = (count + panelRows - 1) / panelRows;
        int length = checked((int)(((long)Panels * panelRows * depth) + (Alignment / sizeof(float))));
        nint start;
        if (pooled)
        {
            storage = ArrayPool<float>.Shared.Rent(length);
            handle = GCHandle.Alloc(storage, GCHandleType.Pinned);
            start = handle.AddrOfPinnedObject();
        }
        else
        {
            storage = GC.AllocateUninitializedArray<float>(length, pinned: true);
            start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(storage));
        }

        Data = (float*)((start + (Alignment - 1)) & ~(nint)(Alignment - 1));
    }

    /// <summary>Number of packed rows.</summary>
    public int Count { get; }

    /// <summary>Values per row (the feature dimension d).</summary>
    public int Depth { get; }

    /// <summary>Rows per panel (the micro-kernel's MR or NR).</summary>
    public int PanelRows { get; }

    /// <summary>Number of panels, ⌈Count / PanelRows⌉.</summary>
    public int Panels { get; }

    /// <summary>Start of the packed storage (64-byte aligned).</summary>
    public float* Data { get; }

    /// <summary>Start of panel <paramref name="panel"/>.</summary>
    public float* Panel(int panel) => Data + ((nint)panel * PanelRows * Depth);

    /// <summary>
    /// Packs rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of <paramref name="source"/>; with
    /// <paramref name="pooled"/> into pooled storage that the caller returns by disposing.
    /// </summary>
    public static PackedPanels Pack(MatrixView source, int rowStart, int rowEnd, int panelRows, int maxDegreeOfParallelism, bool pooled = false)
    {
        var packed = new PackedPanels(rowEnd - rowStart, source.Width, panelRows, pooled);
        if (packed.Panels == 1 || maxDegreeOfParallelism == 1)
        {
            for (int q = 0; q < packed.Panels; q++)
            {
                packed.PackPanel(source, rowStart, q);
            }
        }
        else
        {
            Parallel.For(0, packed.Panels, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, q => packed.PackPanel(source, rowStart, q));
        }

        return packed;
    }

    /// <summary>
    /// Transposes the panel's rows into depth-major order in chunks of 16 features, so that each chunk reads one cache
    /// line per row and writes a 16×PanelRows block that stays in L1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackPanel(MatrixView source, int rowStart, int panel)
    {
        const int Chunk = 16;
        float* destination = Panel(panel);
        int depth = Depth;
        int panelRows = PanelRows;
        int firstRow = panel * panelRows;
        int rows = Math.Min(panelRows, Count - firstRow);
        for (int p0 = 0; p0 < depth; p0 += Chunk)
        {
            int p1 = Math.Min(depth, p0 + Chunk);
            for (int r = 0; r < rows; r++)
            {
                float* s = source.Row(rowStart + firstRow + r);
                float* d = destination + r;
                for (int p = p0; p < p1; p++)
                {
                    d[(nint)p * panelRows] = s[p];
                }
            }

            for (int r = rows; r < panelRows; r++)
            {
                for (int p = p0; p < p1; p++)
                {
                    destination[((nint)p * panelRows) + r] = 0f;
                }
            }
        }
    }

    /// <summary>Returns pooled storage to the pool (nothing for pinned-heap storage, which the GC reclaims).</summary>
    public void Dispose()
    {
        if (handle.IsAllocated)
        {
            handle.Free();
            ArrayPool<float>.Shared.Return(storage!);
        }

        storage = null;
    }
}
