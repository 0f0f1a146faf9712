using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastCoverage.Selection;

/// <summary>
/// The clusters of <see cref="KCenterEngine"/>, stored cluster by cluster: each cluster is one contiguous segment of
/// an arena that holds, per slot, a copy of the point's row, its row index and its min squared distance (plus a
/// "moved" flag written by the scan). A scan of a cluster is a sequential stream, not a gather of scattered rows.
/// </summary>
/// <remarks>
/// A pick moves the members that the new centre lowers out of their clusters into one new segment at the top of the
/// arena, and fills each old segment's holes with its own last kept members (the order inside a cluster is free: ties
/// are broken by row index, never by position). The freed slots are reclaimed by sliding the segments down
/// (<see cref="Compact"/>) when the top runs out of room; the arena grows only if even that is not enough.
/// </remarks>
internal sealed unsafe class KCenterClusters : IDisposable
{
    private readonly int _n;
    private readonly int _slack;
    private readonly bool _exact;
    private int _capacity;
    private int _top;
    private Buffers _buffers;

    /// <param name="n">Points.</param>
    /// <param name="d">Dimension.</param>
    /// <param name="k">Clusters.</param>
    /// <param name="slack">Slots beyond n, exactly; -1: n/8 + 16 and whatever more the pooled rows array holds.</param>
    public KCenterClusters(int n, int d, int k, int slack)
    {
        _n = n;
        Dimension = d;
        _exact = slack >= 0;
        _slack = _exact ? slack : (n / 8) + 16;
        Start = new int[k];
        Count = new int[k];
        Max = new float[k];
        ArgOffset = new int[k];
        Allocate(n + _slack);
    }

    public int Dimension { get; }

    /// <summary>Row copies, capacity × d.</summary>
    public float* Rows { get; private set; }

    /// <summary>Row index of each slot.</summary>
    public int* Index { get; private set; }

    /// <summary>Min squared distance of each slot's point to the centres so far (<see cref="KCenterEngine.Selected"/> for centres).</summary>
    public float* Min { get; private set; }

    /// <summary>1 where the current scan lowered the slot's distance (the point moves to the new cluster).</summary>
    public byte* Moved { get; private set; }

    /// <summary>First slot of each cluster.</summary>
    public int[] Start { get; }

    /// <summary>Members of each cluster.</summary>
    public int[] Count { get; }

    /// <summary>Largest min distance in each cluster (the cluster radius, squared).</summary>
    public float[] Max { get; }

    /// <summary>Slot of the farthest member (lowest row index on ties), relative to the cluster's start.</summary>
    public int[] ArgOffset { get; }

    public float* Row(int slot) => Rows + ((long)slot * Dimension);

    /// <summary>The farthest member's row index.</summary>
    public int ArgIndex(int cluster) => Index[Start[cluster] + ArgOffset[cluster]];

    /// <summary>
    /// Fills the arena from the first phase's state: the rows of each cluster 0..<paramref name="clusters"/>−1
    /// (by <paramref name="owner"/>) copied into one segment, in row order, with their min distances.
    /// </summary>
    public void Gather(MatrixView input, float[] min, int[] owner, int clusters)
    {
        int d = Dimension;
        for (int i = 0; i < _n; i++)
        {
            Count[owner[i]]++;
        }

        int next = 0;
        var cursor = new int[clusters];
        for (int s = 0; s < clusters; s++)
        {
            Start[s] = next;
            cursor[s] = next;
            next += Count[s];
        }

        for (int i = 0; i < _n; i++)
        {
            int slot = cursor[owner[i]]++;
            Buffer.MemoryCopy(input.Row(i), Row(slot), (long)d * sizeof(float), (long)d * sizeof(float));
            Index[slot] = i;
            Min[slot] = min[i];
        }

        _top = _n;
        for (int s = 0; s < clusters; s++)
        {
            Refresh(s);
        }
    }

    /// <summary>
    /// Creates cluster <paramref name="t"/> from the flagged members of the <paramref name="sources"/> (in that order),
    /// removes them from their clusters and refreshes every touched cluster's farthest member.
    /// </summary>
    public void Split(int t, ReadOnlySpan<int> sources, int moved)
    {
        if (_top + moved > _capacity)
        {
            Compact(moved);
        }

        int d = Dimension;
        int write = _top;
        Start[t] = write;
        Count[t] = moved;
        _top += moved;
        foreach (int s in sources)
        {
            int start = Start[s];
            int end = start + Count[s];
            int out0 = write;
            for (int p = start; p < end; p++)
            {
                if (Moved[p] != 0)
                {
                    CopySlot(p, write++, d);
                }
            }

            // Fill the holes with the segment's last kept members: kept members end up in [start, start + kept).
            int lo = start;
            int hi = end - 1;
            while (true)
            {
                while (lo <= hi && Moved[lo] == 0)
                {
                    lo++;
                }

                while (hi > lo && Moved[hi] != 0)
                {
                    hi--;
                }

                if (lo >= hi)
                {
                    break;
                }

                CopySlot(hi, lo, d);
                Moved[lo] = 0;
                Moved[hi] = 1;
                lo++;
                hi--;
            }

            Count[s] -= write - out0;
            Refresh(s);
        }

        Refresh(t);
    }

    /// <summary>Recomputes a cluster's farthest member (largest min distance, lowest row index on ties).</summary>
    public void Refresh(int s)
    {
        int start = Start[s];
        float best = float.NegativeInfinity;
        int arg = int.MaxValue;
        int offset = 0;
        for (int m = 0; m < Count[s]; m++)
        {
            float value = Min[start + m];
            int index = Index[start + m];
            if (KCenterEngine.Farther(value, index, ref best, ref arg))
            {
                offset = m;
            }
        }

        Max[s] = best;
        ArgOffset[s] = offset;
    }

    public void Dispose() => Free();

    /// <summary>
    /// Slides every non-empty segment down to close the holes (in slot order, so a segment never overwrites one not yet
    /// moved), into a larger arena when the free room after that would still be short of <paramref name="needed"/> slots.
    /// </summary>
    private void Compact(int needed)
    {
        int clusters = Start.Length;
        var order = new List<int>(clusters);
        for (int s = 0; s < clusters; s++)
        {
            if (Count[s] > 0)
            {
                order.Add(s);
            }
        }

        order.Sort((a, b) => Start[a].CompareTo(Start[b]));
        float* oldRows = Rows;
        int* oldIndex = Index;
        float* oldMin = Min;
        byte* oldMoved = Moved;
        Buffers old = _buffers;
        bool grow = needed > _capacity - _n;
        if (grow)
        {
            Allocate(_n + needed + _slack);
        }

        int d = Dimension;
        int write = 0;
        foreach (int s in order)
        {
            int from = Start[s];
            int count = Count[s];
            new ReadOnlySpan<float>(oldRows + ((long)from * d), count * d).CopyTo(new Span<float>(Row(write), count * d));
            new ReadOnlySpan<int>(oldIndex + from, count).CopyTo(new Span<int>(Index + write, count));
            new ReadOnlySpan<float>(oldMin + from, count).CopyTo(new Span<float>(Min + write, count));
            new ReadOnlySpan<byte>(oldMoved + from, count).CopyTo(new Span<byte>(Moved + write, count));
            Start[s] = write;
            write += count;
        }

        _top = write;
        if (grow)
        {
            old.Return();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CopySlot(int from, int to, int d)
    {
        Buffer.MemoryCopy(Row(from), Row(to), (long)d * sizeof(float), (long)d * sizeof(float));
        Index[to] = Index[from];
        Min[to] = Min[from];
    }

    /// <summary>
    /// Rents the arena from the shared pools (pinned; rows aligned to 64 bytes) with room for at least
    /// <paramref name="capacity"/> slots, and uses whatever more the pooled rows array holds as extra slack: a repeated
    /// call reuses warm memory instead of faulting in fresh pages. An exact slack (tests) keeps the capacity as asked.
    /// </summary>
    private void Allocate(int capacity)
    {
        int d = Dimension;
        float[] rows = ArrayPool<float>.Shared.Rent(checked((capacity * d) + 16));
        var rowsHandle = GCHandle.Alloc(rows, GCHandleType.Pinned);
        float* rowsBase = (float*)rowsHandle.AddrOfPinnedObject();
        float* aligned = (float*)(((nint)rowsBase + 63) & ~(nint)63);
        if (!_exact)
        {
            capacity = (int)((rows.Length - (aligned - rowsBase)) / d);
        }

        int[] index = ArrayPool<int>.Shared.Rent(capacity);
        float[] min = ArrayPool<float>.Shared.Rent(capacity);
        byte[] moved = ArrayPool<byte>.Shared.Rent(capacity);
        _buffers = new Buffers(rows, rowsHandle, index, GCHandle.Alloc(index, GCHandleType.Pinned), min, GCHandle.Alloc(min, GCHandleType.Pinned), moved, GCHandle.Alloc(moved, GCHandleType.Pinned));
        _capacity = capacity;
        Rows = aligned;
        Index = (int*)_buffers.IndexHandle.AddrOfPinnedObject();
        Min = (float*)_buffers.MinHandle.AddrOfPinnedObject();
        Moved = (byte*)_buffers.MovedHandle.AddrOfPinnedObject();
    }

    private void Free()
    {
        if (Rows != null)
        {
            _buffers.Return();
            Rows = null;
        }
    }

    /// <summary>The rented arrays and their pins.</summary>
    private readonly record struct Buffers(
        float[] Rows,
        GCHandle RowsHandle,
        int[] Index,
        GCHandle IndexHandle,
        float[] Min,
        GCHandle MinHandle,
        byte[] Moved,
        GCHandle MovedHandle)
    {
        public void Return()
        {
            RowsHandle.Free();
            IndexHandle.Free();
            MinHandle.Free();
            MovedHandle.Free();
            ArrayPool<float>.Shared.Return(Rows);
            ArrayPool<int>.Shared.Return(Index);
            ArrayPool<float>.Shared.Return(Min);
            ArrayPool<byte>.Shared.Return(Moved);
        }
    }
}
