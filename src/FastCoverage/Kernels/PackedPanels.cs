using System.Runtime.CompilerServices;

namespace FastCoverage.Kernels;

/// <summary>
/// Rows of a matrix packed into panels of <see cref="PanelRows"/> rows, depth-major (PanelRows consecutive values per
/// feature), in pinned 64-byte-aligned memory, so that a micro-kernel streams a panel with unit stride. Rows past
/// <see cref="Count"/> in the last panel are zero.
/// </summary>
internal sealed unsafe class PackedPanels
{
    private const int Alignment = 64;

    // Pinned (on the pinned object heap), so the pointer below stays valid for the object's lifetime.
    private readonly float[] storage;

    private PackedPanels(int count, int depth, int panelRows)
    {
        Count = count;
        Depth = depth;
        PanelRows = panelRows;
        Panels = (count + panelRows - 1) / panelRows;
        long length = ((long)Panels * panelRows * depth) + (Alignment / sizeof(float));
        storage = GC.AllocateUninitializedArray<float>(checked((int)length), pinned: true);
        fixed (float* p = storage)
        {
            Data = (float*)(((nint)p + (Alignment - 1)) & ~(nint)(Alignment - 1));
        }
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

    /// <summary>Packs rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of <paramref name="source"/>.</summary>
    public static PackedPanels Pack(MatrixView source, int rowStart, int rowEnd, int panelRows, int maxDegreeOfParallelism)
    {
        var packed = new PackedPanels(rowEnd - rowStart, source.Width, panelRows);
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
}
