using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>
/// The clusters of <see cref="KCenterEngine"/>'s second phase, stored cluster by cluster: an arena of n slots holds, per
/// slot, a copy of a point's row, its row index and its min squared distance (plus a "moved" flag written by the scan).
/// Each cluster is a short list of pieces, each piece a contiguous run of slots, so scanning a cluster streams through
/// memory instead of gathering scattered rows.
/// </summary>
/// <remarks>
/// A pick partitions every scanned piece in place into [kept | moved] by swapping slots (at most min(kept, moved) swaps;
/// the order inside a piece is free, since ties are broken by row index, never by position), and the moved part
/// becomes a piece of the new cluster. Nothing is copied out and no slot is ever left empty, so the arena never needs
/// compaction or slack: the memory is n·d floats + 9n bytes + O(pieces).
/// </remarks>
internal sealed unsafe class KCenterClusters : IDisposable
{
    private readonly int _n;
    private readonly float[] _rowsArray;
    private readonly int[] _indexArray;
    private readonly float[] _minArray;
    private readonly byte[] _movedArray;
    private GCHandle _rowsHandle;
    private GCHandle _indexHandle;
    private GCHandle _minHandle;
    private GCHandle _movedHandle;
    private int[] _pieceNext;
    private int _pieces;

    public KCenterClusters(int n, int d, int k)
    {
        _n = n;
        Dimension = d;
        Head = new int[k];
        Count = new int[k];
        Max = new float[k];
        ArgSlot = new int[k];
        Array.Fill(Head, -1);
        int pieceCapacity = Math.Max(64, 2 * k);
        PieceStart = new int[pieceCapacity];
        PieceCount = new int[pieceCapacity];
        _pieceNext = new int[pieceCapacity];

        // Pooled (a repeated call reuses warm memory instead of faulting in fresh pages) and pinned; rows 64-byte aligned.
        _rowsArray = ArrayPool<float>.Shared.Rent(checked((n * d) + 16));
        _rowsHandle = GCHandle.Alloc(_rowsArray, GCHandleType.Pinned);
        float* rowsBase = (float*)_rowsHandle.AddrOfPinnedObject();
        Rows = (float*)(((nint)rowsBase + 63) & ~(nint)63);
        _indexArray = ArrayPool<int>.Shared.Rent(n);
        _indexHandle = GCHandle.Alloc(_indexArray, GCHandleType.Pinned);
        Index = (int*)_indexHandle.AddrOfPinnedObject();
        _minArray = ArrayPool<float>.Shared.Rent(n);
        _minHandle = GCHandle.Alloc(_minArray, GCHandleType.Pinned);
        Min = (float*)_minHandle.AddrOfPinnedObject();
        _movedArray = ArrayPool<byte>.Shared.Rent(n);
        _movedHandle = GCHandle.Alloc(_movedArray, GCHandleType.Pinned);
        Moved = (byte*)_movedHandle.AddrOfPinnedObject();
    }

    public int Dimension { get; }

    /// <summary>Row copies, n × d.</summary>
    public float* Rows { get; }

    /// <summary>Row index of each slot.</summary>
    public int* Index { get; }

    /// <summary>Min squared distance of each slot's point to the centres so far (<see cref="KCenterEngine.Selected"/> for centres).</summary>
    public float* Min { get; }

    /// <summary>Nonzero where the current scan lowered the slot's distance (the point moves to the new cluster).</summary>
    public byte* Moved { get; }

    /// <summary>First piece of each cluster (-1: none); the next ones follow <see cref="NextPiece"/>.</summary>
    public int[] Head { get; }

    /// <summary>Members of each cluster.</summary>
    public int[] Count { get; }

    /// <summary>Largest min distance in each cluster (the cluster radius, squared).</summary>
    public float[] Max { get; }

    /// <summary>Slot of each cluster's farthest member (lowest row index on ties).</summary>
    public int[] ArgSlot { get; }

    /// <summary>First slot of each piece.</summary>
    public int[] PieceStart { get; private set; }

    /// <summary>Slots of each piece.</summary>
    public int[] PieceCount { get; private set; }

    public float* Row(int slot) => Rows + ((long)slot * Dimension);

    /// <summary>The piece after <paramref name="piece"/> in its cluster (-1: none).</summary>
    public int NextPiece(int piece) => _pieceNext[piece];

    /// <summary>The farthest member's row index.</summary>
    public int ArgIndex(int cluster) => Index[ArgSlot[cluster]];

    /// <summary>
    /// Fills the arena from the first phase's state: the rows of each cluster 0..<paramref name="clusters"/>−1
    /// (by <paramref name="owner"/>) copied into one piece, in row order, with their min distances.
    /// </summary>
    public void Gather(MatrixView input, float[] min, int[] owner, int clusters)
    {
        int d = Dimension;
        var cursor = new int[clusters];
        for (int i = 0; i < _n; i++)
        {
            cursor[owner[i]]++;
        }

        int next = 0;
        for (int s = 0; s < clusters; s++)
        {
            int size = cursor[s];
            cursor[s] = next;
            if (size > 0)
            {
                AddPiece(s, next, size);
            }

            next += size;
        }

        for (int i = 0; i < _n; i++)
        {
            int slot = cursor[owner[i]]++;
            Buffer.MemoryCopy(input.Row(i), Row(slot), (long)d * sizeof(float), (long)d * sizeof(float));
            Index[slot] = i;
            Min[slot] = min[i];
        }

        for (int s = 0; s < clusters; s++)
        {
            Refresh(s);
        }
    }

    /// <summary>
    /// Creates cluster <paramref name="t"/> from the flagged members of the <paramref name="sources"/>' pieces
    /// (partitioned in place), and refreshes every touched cluster's farthest member.
    /// </summary>
    public void Split(int t, ReadOnlySpan<int> sources)
    {
        foreach (int s in sources)
        {
            int previous = -1;
            int piece = Head[s];
            while (piece >= 0)
            {
                int next = _pieceNext[piece];
                int start = PieceStart[piece];
                int kept = Partition(start, PieceCount[piece]);
                int moved = PieceCount[piece] - kept;
                Count[s] -= moved;
                if (kept == 0)
                {
                    // The whole piece moves: relink it from s to t.
                    if (previous < 0)
                    {
                        Head[s] = next;
                    }
                    else
                    {
                        _pieceNext[previous] = next;
                    }

                    _pieceNext[piece] = Head[t];
                    Head[t] = piece;
                    Count[t] += moved;
                }
                else
                {
                    if (moved > 0)
                    {
                        PieceCount[piece] = kept;
                        AddPiece(t, start + kept, moved);
                    }

                    previous = piece;
                }

                piece = next;
            }

            Refresh(s);
        }

        Refresh(t);
    }

    /// <summary>Recomputes a cluster's farthest member (largest min distance, lowest row index on ties).</summary>
    public void Refresh(int s)
    {
        float best = float.NegativeInfinity;
        int arg = int.MaxValue;
        int argSlot = -1;
        for (int piece = Head[s]; piece >= 0; piece = _pieceNext[piece])
        {
            int end = PieceStart[piece] + PieceCount[piece];
            for (int slot = PieceStart[piece]; slot < end; slot++)
            {
                if (KCenterEngine.Farther(Min[slot], Index[slot], ref best, ref arg))
                {
                    argSlot = slot;
                }
            }
        }

        Max[s] = best;
        ArgSlot[s] = argSlot;
    }

    public void Dispose()
    {
        if (_rowsHandle.IsAllocated)
        {
            _rowsHandle.Free();
            _indexHandle.Free();
            _minHandle.Free();
            _movedHandle.Free();
            ArrayPool<float>.Shared.Return(_rowsArray);
            ArrayPool<int>.Shared.Return(_indexArray);
            ArrayPool<float>.Shared.Return(_minArray);
            ArrayPool<byte>.Shared.Return(_movedArray);
        }
    }

    /// <summary>Reorders slots [start, start + count) into [kept | moved] by swaps; returns the kept count.</summary>
    private int Partition(int start, int count)
    {
        int lo = start;
        int hi = start + count - 1;
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
                return lo - start;
            }

            Swap(lo, hi);
            lo++;
            hi--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Swap(int a, int b)
    {
        float* ra = Row(a);
        float* rb = Row(b);
        int d = Dimension;
        int j = 0;
        for (; j <= d - Vector256<float>.Count; j += Vector256<float>.Count)
        {
            Vector256<float> va = Vector256.Load(ra + j);
            Vector256.Load(rb + j).Store(ra + j);
            va.Store(rb + j);
        }

        for (; j < d; j++)
        {
            (ra[j], rb[j]) = (rb[j], ra[j]);
        }

        (Index[a], Index[b]) = (Index[b], Index[a]);
        (Min[a], Min[b]) = (Min[b], Min[a]);
    }

    private void AddPiece(int cluster, int start, int count)
    {
        if (_pieces == PieceStart.Length)
        {
            PieceStart = Grow(PieceStart);
            PieceCount = Grow(PieceCount);
            _pieceNext = Grow(_pieceNext);
        }

        int piece = _pieces++;

        PieceStart[piece] = start;
        PieceCount[piece] = count;
        _pieceNext[piece] = Head[cluster];
        Head[cluster] = piece;
        Count[cluster] += count;
    }

    private static int[] Grow(int[] array)
    {
        Array.Resize(ref array, array.Length * 2);
        return array;
    }
}
