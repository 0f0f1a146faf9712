using System.Runtime.CompilerServices;
using FastCoverage.Kernels;

namespace FastCoverage.Selection;

/// <summary>
/// The k best candidates of every represented row so far, exact, ties by lowest index: one binary min-heap per row
/// whose root is the worst kept entry. An entry is one 64-bit key, the similarity's bits above the complemented
/// candidate index, so that "better" (larger value, or equal value and lower index) is one unsigned comparison and the
/// kept set does not depend on the order in which a row's entries are offered.
/// </summary>
/// <remarks>
/// Values must be ≥ 0 (or NaN-free and nonnegative after −0 → +0): the bits of a nonnegative float order like the
/// float. <see cref="Thresholds"/> holds, per row, the value of the root once the heap is full (−∞ before), so a scan
/// can skip every entry below it without touching the heap; an entry equal to it may still win on its index and is
/// offered. A row's heap is changed by one thread at a time (the caller's schedule guarantees it).
/// <para>
/// For RBF the scan compares keys −‖u − x‖² (the epilogue's squared distance d, negated exactly) instead of similarities,
/// so that exp runs only for offered entries: the value kept is exp(d·(−γ)) by <see cref="ExpNonPositive"/>, bitwise the
/// RBF epilogue's, and the threshold is the key bound −D(t) of the root's value t, with
/// D(t) = (−ln t + 10⁻⁴)·(1 + 10⁻⁴)/γ. If d &gt; D(t), then fl(d·(−γ)) ≤ −γd(1 − 2⁻²⁴) &lt; ln t − 10⁻⁴ and, as the
/// exponential's relative error is far below 10⁻⁴ (tested), its value is below t: every entry that could still be kept
/// passes the filter.
/// </para>
/// </remarks>
internal sealed class NeighborHeaps
{
    private readonly ulong[] keys;
    private readonly int[] sizes;

    private readonly float minusGamma;

    /// <summary>Heaps of capacity <paramref name="k"/> ≥ 1 for <paramref name="rows"/> rows.</summary>
    /// <param name="rows">Represented rows.</param>
    /// <param name="k">Entries kept per row.</param>
    /// <param name="rbfGamma">γ when keys are negated squared distances of the RBF kernel; null when keys are the similarities.</param>
    public NeighborHeaps(int rows, int k, float? rbfGamma)
    {
        minusGamma = rbfGamma is { } g ? -g : float.NaN;
        K = k;
        keys = GC.AllocateUninitializedArray<ulong>(checked(rows * k));
        sizes = new int[rows];
        Thresholds = new float[rows + ThresholdPadding];
        Array.Fill(Thresholds, float.NegativeInfinity, 0, rows);
        Array.Fill(Thresholds, float.PositiveInfinity, rows, ThresholdPadding);
    }

    /// <summary>Entries of +∞ after the last row's threshold, so that a 16-wide load past the end never hits.</summary>
    public const int ThresholdPadding = 16;

    /// <summary>The capacity of each heap.</summary>
    public int K { get; }

    /// <summary>Per row: the key bound of the root's value when the heap is full, else −∞ (then +∞ padding).</summary>
    public float[] Thresholds { get; }

    /// <summary>γ when keys are negated RBF squared distances, else null.</summary>
    public float? RbfGamma => DistanceKeys ? -minusGamma : null;

    /// <summary>Whether keys are negated RBF squared distances rather than similarities.</summary>
    public bool DistanceKeys => !float.IsNaN(minusGamma);

    /// <summary>The similarity of a key: the key itself, or exp(d·(−γ)) for d = −key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ValueOfKey(float key) => DistanceKeys ? ExpNonPositive.Exp(-key * minusGamma) : key;

    /// <summary>Offers candidate <paramref name="candidate"/> with key <paramref name="scanKey"/> (see <see cref="ValueOfKey"/>) to row <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Offer(int row, float scanKey, int candidate) => OfferValue(row, ValueOfKey(scanKey), candidate);

    /// <summary>Offers candidate <paramref name="candidate"/> with similarity <paramref name="value"/> (already mapped from its key) to row <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OfferValue(int row, float value, int candidate) => Offer(row, Encode(value, candidate));

    /// <summary>
    /// Offers a batch of encoded entries (distinct candidates) to <paramref name="row"/>. Into an empty heap: the first k
    /// are heapified at once (Floyd, O(k)) and the rest only compared with the root, so no entry pays a sift-up.
    /// </summary>
    public void Fill(int row, ReadOnlySpan<ulong> batch)
    {
        if (sizes[row] != 0 || batch.Length < K)
        {
            foreach (ulong key in batch)
            {
                Offer(row, key);
            }

            return;
        }

        Span<ulong> heap = keys.AsSpan(row * K, K);
        batch[..K].CopyTo(heap);
        for (int parent = (K / 2) - 1; parent >= 0; parent--)
        {
            SiftDown(heap, parent, heap[parent]);
        }

        foreach (ulong key in batch[K..])
        {
            if (key > heap[0])
            {
                SiftDown(heap, 0, key);
            }
        }

        sizes[row] = K;
        Thresholds[row] = KeyBound(ValueOf(heap[0]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Offer(int row, ulong key)
    {
        Span<ulong> heap = keys.AsSpan(row * K, K);
        int size = sizes[row];
        if (size < K)
        {
            SiftUp(heap, size, key);
            sizes[row] = ++size;
            if (size == K)
            {
                Thresholds[row] = KeyBound(ValueOf(heap[0]));
            }
        }
        else if (key > heap[0])
        {
            SiftDown(heap, 0, key);
            Thresholds[row] = KeyBound(ValueOf(heap[0]));
        }
    }

    /// <summary>The smallest key whose value can be ≥ <paramref name="value"/> (a lower bound, see the remarks).</summary>
    internal float KeyBound(float value)
    {
        if (!DistanceKeys)
        {
            return value;
        }

        if (!(value > 0f))
        {
            return float.NegativeInfinity;
        }

        // MathF.Log is within an ulp or two of ln t (|ln t| ≤ 104 for t ≥ 2⁻¹⁴⁹): far inside the 10⁻⁴ slack.
        double distance = (-(double)MathF.Log(value) + 1e-4) * (1 + 1e-4) / -minusGamma;
        return -(float)distance;
    }

    /// <summary>The number of entries kept for <paramref name="row"/>.</summary>
    public int Count(int row) => sizes[row];

    /// <summary>The kept entries of <paramref name="row"/>, in heap order.</summary>
    public ReadOnlySpan<ulong> Entries(int row) => keys.AsSpan(row * K, sizes[row]);

    /// <summary>The key of an entry: the value's bits (−0 folded to +0) above the complemented index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Encode(float value, int candidate) =>
        ((ulong)BitConverter.SingleToUInt32Bits(value + 0f) << 32) | (uint)~candidate;

    /// <summary>The value of a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ValueOf(ulong key) => BitConverter.UInt32BitsToSingle((uint)(key >> 32));

    /// <summary>The candidate index of a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CandidateOf(ulong key) => ~(int)(uint)key;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftUp(Span<ulong> heap, int child, ulong key)
    {
        while (child > 0)
        {
            int parent = (child - 1) >> 1;
            if (heap[parent] <= key)
            {
                break;
            }

            heap[child] = heap[parent];
            child = parent;
        }

        heap[child] = key;
    }

    /// <summary>Puts <paramref name="key"/> at <paramref name="parent"/> (replacing its entry) and sifts it down.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftDown(Span<ulong> heap, int parent, ulong key)
    {
        int size = heap.Length;
        while (true)
        {
            int child = (2 * parent) + 1;
            if (child >= size)
            {
                break;
            }

            if (child + 1 < size && heap[child + 1] < heap[child])
            {
                child++;
            }

            if (key <= heap[child])
            {
                break;
            }

            heap[parent] = heap[child];
            parent = child;
        }

        heap[parent] = key;
    }
}
