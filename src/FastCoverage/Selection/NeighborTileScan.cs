using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>
/// Offers the entries of a tile of similarities to the represented rows' <see cref="NeighborHeaps"/>, comparing a whole
/// vector of entries at a time against the rows' current thresholds and touching a heap only on a hit. After a row's
/// first k entries a hit is rare (about k·ln(n/k) of a row's n entries in random order), so the scan runs at the
/// speed of the compares.
/// </summary>
/// <remarks>
/// An entry is offered when its value is ≥ its row's threshold (the value of the row's worst kept entry, −∞ while the
/// heap is not full); the heap then decides exactly, by value and lowest index. Every entry at or above the threshold is
/// offered, so the filter never changes the kept set, only the work. In a symmetric tile (the pool represents itself)
/// entry (i, j) is also offered to row j as candidate i, compared against row j's threshold lane by lane.
/// </remarks>
internal static unsafe class NeighborTileScan
{
    /// <summary>The widest vector width (16, 8 or 1 floats) this processor runs in hardware.</summary>
    public static int DefaultWidth { get; } = Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 1;

    /// <summary>
    /// Offers tile entry (i, j) (at <paramref name="tile"/>[i·stride + j], 0 ≤ i &lt; rows, 0 ≤ j &lt; columns) to row
    /// rowStart + i as candidate columnStart + j, and, when <paramref name="transposed"/>, to row columnStart + j as
    /// candidate rowStart + i (an off-diagonal tile of the pool; diagonal tiles go to <see cref="NeighborHeaps.Fill"/>).
    /// </summary>
    /// <param name="tile">The similarities; each row readable up to columns rounded up to <paramref name="width"/>.</param>
    /// <param name="stride">Row stride of the tile in floats.</param>
    /// <param name="rows">Tile rows.</param>
    /// <param name="columns">Tile columns.</param>
    /// <param name="rowStart">Represented index of tile row 0.</param>
    /// <param name="columnStart">Candidate index of tile column 0.</param>
    /// <param name="ids">The point index of each row and column position (the pool in a spatial order), or null for the identity.</param>
    /// <param name="heaps">The rows' heaps.</param>
    /// <param name="transposed">Also offer each entry to its column's row (a symmetric pool similarity).</param>
    /// <param name="width">16, 8 or 1: the vector width to compare with.</param>
    public static void Scan(float* tile, int stride, int rows, int columns, int rowStart, int columnStart, int[]? ids, NeighborHeaps heaps, bool transposed, int width)
    {
        fixed (int* pIds = ids)
        fixed (float* thresholds = heaps.Thresholds)
        {
            switch (width)
            {
                case 16:
                    Scan<Width16>(tile, stride, rows, columns, rowStart, columnStart, pIds, heaps, thresholds, transposed);
                    break;
                case 8:
                    Scan<Width8>(tile, stride, rows, columns, rowStart, columnStart, pIds, heaps, thresholds, transposed);
                    break;
                default:
                    Scan<Width1>(tile, stride, rows, columns, rowStart, columnStart, pIds, heaps, thresholds, transposed);
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan<TWidth>(float* tile, int stride, int rows, int columns, int rowStart, int columnStart, int* ids, NeighborHeaps heaps, float* thresholds, bool transposed)
        where TWidth : struct, IScanWidth
    {
        int w = TWidth.Width;
        int fullEnd = columns / w * w;
        float* columnThresholds = transposed ? thresholds + columnStart : null;
        for (int i = 0; i < rows; i++)
        {
            float* row = tile + ((nint)i * stride);
            float* rowThreshold = thresholds + rowStart + i;
            int j0 = 0;
            while (true)
            {
                // The hot loop: compares only, no call, so that its state stays in registers.
                j0 = NextHit<TWidth>(row, j0, fullEnd, *rowThreshold, columnThresholds);
                if (j0 >= columns)
                {
                    break;
                }

                uint valid = columns - j0 >= w ? (1u << w) - 1 : (1u << (columns - j0)) - 1;
                Offer<TWidth>(row, j0, valid, i, rowStart, columnStart, ids, heaps, *rowThreshold, columnThresholds);
                j0 += w;
            }
        }
    }

    /// <summary>The first chunk start ≥ <paramref name="j0"/> below <paramref name="fullEnd"/> with an entry at or above a threshold, else <paramref name="fullEnd"/> (the ragged tail chunk is always visited).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextHit<TWidth>(float* row, int j0, int fullEnd, float rowThreshold, float* columnThresholds)
        where TWidth : struct, IScanWidth
    {
        int w = TWidth.Width;
        if (columnThresholds is null)
        {
            for (; j0 < fullEnd; j0 += w)
            {
                if (TWidth.AtLeast(row + j0, rowThreshold) != 0)
                {
                    return j0;
                }
            }
        }
        else
        {
            for (; j0 < fullEnd; j0 += w)
            {
                if ((TWidth.AtLeast(row + j0, rowThreshold) | TWidth.AtLeast(row + j0, columnThresholds + j0)) != 0)
                {
                    return j0;
                }
            }
        }

        return j0;
    }

    /// <summary>Offers the entries of the chunk at <paramref name="j0"/> (lanes in <paramref name="valid"/>) that reach their thresholds.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Offer<TWidth>(float* row, int j0, uint valid, int i, int rowStart, int columnStart, int* ids, NeighborHeaps heaps, float rowThreshold, float* columnThresholds)
        where TWidth : struct, IScanWidth
    {
        uint rowHits = TWidth.AtLeast(row + j0, rowThreshold) & valid;
        uint columnHits = columnThresholds is null ? 0u : TWidth.AtLeast(row + j0, columnThresholds + j0) & valid;
        // The value of a key is a pure function of it: equal keys (exact ties) reuse the last one's exp.
        float lastKey = float.NaN, lastValue = 0f;
        while (rowHits != 0)
        {
            int j = j0 + BitOperations.TrailingZeroCount(rowHits);
            rowHits &= rowHits - 1;
            lastValue = row[j] == lastKey ? lastValue : heaps.ValueOfKey(lastKey = row[j]);
            heaps.OfferValue(rowStart + i, lastValue, ids is null ? columnStart + j : ids[columnStart + j]);
        }

        int rowId = ids is null ? rowStart + i : ids[rowStart + i];
        while (columnHits != 0)
        {
            int j = j0 + BitOperations.TrailingZeroCount(columnHits);
            columnHits &= columnHits - 1;
            lastValue = row[j] == lastKey ? lastValue : heaps.ValueOfKey(lastKey = row[j]);
            heaps.OfferValue(columnStart + j, lastValue, rowId);
        }
    }

    /// <summary>A compare width: bit l of the result is set when value l is ≥ its threshold.</summary>
    private interface IScanWidth
    {
        static abstract int Width { get; }

        static abstract uint AtLeast(float* values, float threshold);

        static abstract uint AtLeast(float* values, float* thresholds);
    }

    private readonly struct Width16 : IScanWidth
    {
        public static int Width => 16;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint AtLeast(float* values, float threshold) =>
            (uint)Vector512.GreaterThanOrEqual(Vector512.Load(values), Vector512.Create(threshold)).ExtractMostSignificantBits();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint AtLeast(float* values, float* thresholds) =>
            (uint)Vector512.GreaterThanOrEqual(Vector512.Load(values), Vector512.Load(thresholds)).ExtractMostSignificantBits();
    }

    private readonly struct Width8 : IScanWidth
    {
        public static int Width => 8;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint AtLeast(float* values, float threshold) =>
            Vector256.GreaterThanOrEqual(Vector256.Load(values), Vector256.Create(threshold)).ExtractMostSignificantBits();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint AtLeast(float* values, float* thresholds) =>
            Vector256.GreaterThanOrEqual(Vector256.Load(values), Vector256.Load(thresholds)).ExtractMostSignificantBits();
    }

    private readonly struct Width1 : IScanWidth
    {
        public static int Width => 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint AtLeast(float* values, float threshold) => values[0] >= threshold ? 1u : 0u;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint AtLeast(float* values, float* thresholds) => values[0] >= thresholds[0] ? 1u : 0u;
    }
}
