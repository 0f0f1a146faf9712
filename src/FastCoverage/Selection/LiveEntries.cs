using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>
/// The live entries of a dense similarity's rows during one greedy run: for row j, the (i, sᵢⱼ) with sᵢⱼ &gt; curᵢ at the
/// time the list was made, in increasing i. The coverage cur of a greedy run only grows, so an entry that is dead
/// (sᵢⱼ ≤ curᵢ) stays dead: a row's list keeps holding every entry that can still add to its gain or raise the
/// coverage, and gains and covers read the list instead of the row
/// (<see cref="FacilityGainKernel.SumListed(Span{int}, Span{float}, ReadOnlySpan{float}, GainKernelPath, out int)"/>,
/// bit-identical to the full pass).
/// </summary>
/// <remarks>
/// A list is made when a row is read in full and at most <see cref="MaximumLength"/> of its entries are live (an entry
/// of a list costs twice a float of the row and a scattered coverage read); every later gain drops the entries that
/// have died since. A list can also be made ahead, before the coverage is known (lazy greedy's first pass keeps each
/// row's entries above a threshold): such a list is <em>pending</em> until <see cref="Floor"/>, a lower bound on every
/// coverage entry, reaches the largest entry it left out, because only then are all the left-out entries dead. A
/// pending list is not read (the row is read in full and gets a new list); once usable it behaves like any other. Lists
/// live in chunks of one arena: lists made from full reads take at most <see cref="MaximumStored"/> entries in all (once
/// that is reached, rows are read in full), and pending lists as many again, so that lists made ahead never crowd out
/// the ones made later (on data without clusters the lists made from full reads alone fill their share). The chunks are rented from the shared array pool and returned by <see cref="Dispose"/>.
/// Safe for concurrent use on distinct rows (greedy evaluates a candidate once per batch).
/// </remarks>
internal sealed class LiveEntries : IDisposable
{
    /// <summary>The largest arena chunk in entries (8 MiB of indices and values).</summary>
    private const int LargestChunk = 1 << 20;

    /// <summary>Entries per arena chunk: a sixteenth of the matrix, between 4096 and <see cref="LargestChunk"/>.</summary>
    private readonly int chunkLength;

    private readonly int[] chunkOf;
    private readonly int[] offsetOf;
    private readonly int[] countOf;
    private readonly float[] usableFrom;
    private readonly float[] leftOutSum;
    private readonly int rowLength;
    private readonly (int[] Indices, float[] Values)[] chunks;
    private readonly Lock gate = new();
    private int chunkCount;
    private int usedInLastChunk;
    private long stored;
    private long storedPending;
    private float largestPending = float.NegativeInfinity;

    /// <param name="rows">The number of rows.</param>
    /// <param name="rowLength">Entries per row, |U|.</param>
    public LiveEntries(int rows, int rowLength)
    {
        MaximumLength = rowLength / 8;
        chunkLength = (int)Math.Clamp((long)rows * rowLength / 16, 4096, LargestChunk);
        usedInLastChunk = chunkLength;
        MaximumStored = Math.Max(chunkLength, (long)rows * rowLength / 16);
        chunkOf = new int[rows];
        offsetOf = new int[rows];
        countOf = new int[rows];
        countOf.AsSpan().Fill(-1);
        this.rowLength = rowLength;
        leftOutSum = new float[rows];
        usableFrom = new float[rows];
        usableFrom.AsSpan().Fill(float.NegativeInfinity);
        // A chunk is left for a new one only when the next list does not fit, so with lists of at most half a chunk every
        // chunk but the last is over half full and this many suffice; past that no more lists are made. A fixed array:
        // readers on other threads never see it resized.
        chunks = new (int[], float[])[(2 * ((2 * MaximumStored) + MaximumLength) / chunkLength) + 2];
    }

    /// <summary>The longest list made: an eighth of a row.</summary>
    public int MaximumLength { get; }

    /// <summary>
    /// The most entries the lists made from full reads take together (a sixteenth of the matrix; at least one chunk);
    /// pending lists may take as many again.
    /// </summary>
    public long MaximumStored { get; }

    /// <summary>Entries taken in the arena so far, by lists of both kinds.</summary>
    public long Stored => Interlocked.Read(ref stored) + Interlocked.Read(ref storedPending);

    /// <summary>
    /// A lower bound on every entry of the coverage the lists are read against (−∞ until raised): pending lists whose
    /// left-out entries are all at most this are usable.
    /// </summary>
    public float Floor { get; private set; } = float.NegativeInfinity;

    /// <summary>Whether some list made ahead may still be pending (its left-out entries above <see cref="Floor"/>).</summary>
    public bool HasPending => largestPending > Floor;

    /// <summary>Raises <see cref="Floor"/> (the coverage only grows, so a bound once true stays true); not during reads.</summary>
    public void RaiseFloor(float floor) => Floor = Math.Max(Floor, floor);

    /// <summary>The length of row r's usable list, or −1 without one.</summary>
    public int Count(int row) => IsUsable(row) ? countOf[row] : -1;

    /// <summary>Row r's list, if it has a usable one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(int row, out Span<int> indices, out Span<float> values)
    {
        int count = IsUsable(row) ? countOf[row] : -1;
        if (count <= 0)
        {
            indices = default;
            values = default;
            return count == 0;
        }

        (int[] chunkIndices, float[] chunkValues) = chunks[chunkOf[row]];
        indices = chunkIndices.AsSpan(offsetOf[row], count);
        values = chunkValues.AsSpan(offsetOf[row], count);
        return true;
    }

    /// <summary>
    /// Row r's gain against the coverage from its list (bit-identical to the full pass on the active path), dropping the
    /// entries that have died since; false (no gain) without a list.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGain(int row, ReadOnlySpan<float> coverage, out float gain)
    {
        if (!TryGet(row, out Span<int> indices, out Span<float> values))
        {
            gain = 0f;
            return false;
        }

        gain = FacilityGainKernel.SumListed(indices, values, coverage, FacilityGainKernel.ActivePath, out int stillLive);
        countOf[row] = stillLive;
        // Cut to the live entries, the list holds all of them whatever it left out.
        usableFrom[row] = float.NegativeInfinity;
        return true;
    }

    /// <summary>
    /// For a row whose list is pending: the sum of its listed terms, in the full pass's lanes (dropping the entries that
    /// have died since), and an upper bound on the sum of the entries it left out; false for a row without a pending list.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TrySumPending(int row, ReadOnlySpan<float> coverage, out float listed, out float leftOut)
    {
        int count = countOf[row];
        listed = 0f;
        leftOut = leftOutSum[row];
        if (count < 0 || IsUsable(row))
        {
            return false;
        }

        if (count > 0)
        {
            (int[] chunkIndices, float[] chunkValues) = chunks[chunkOf[row]];
            listed = FacilityGainKernel.SumListed(
                chunkIndices.AsSpan(offsetOf[row], count), chunkValues.AsSpan(offsetOf[row], count), coverage, FacilityGainKernel.ActivePath, out int stillLive);
            countOf[row] = stillLive;
        }

        return true;
    }

    /// <summary>The recorded sum of the entries row r's pending list left out, or <see langword="null"/> without a pending list.</summary>
    public float? PendingLeftOut(int row) => countOf[row] >= 0 && !IsUsable(row) ? leftOutSum[row] : null;

    /// <summary>The length of row r's list, usable or pending, or −1 without one (for work estimates).</summary>
    public int ListedCount(int row) => countOf[row];

    /// <summary>The largest bound on the left-out entries of any list made ahead (−∞ without one).</summary>
    public float LargestPending => largestPending;

    /// <summary>coverageᵢ ← max(coverageᵢ, sᵢ) over row r's list; false (nothing done) without one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryCover(int row, Span<float> coverage)
    {
        if (!TryGet(row, out Span<int> indices, out Span<float> values))
        {
            return false;
        }

        for (int t = 0; t < indices.Length; t++)
        {
            int i = indices[t];
            if (values[t] > coverage[i])
            {
                coverage[i] = values[t];
            }
        }

        return true;
    }

    /// <summary>Whether row r has no usable list and the arena has room for one.</summary>
    public bool CanMake(int row) => (countOf[row] < 0 || !IsUsable(row)) && Interlocked.Read(ref stored) < MaximumStored;

    /// <summary>
    /// Makes row r's list from the increasing indices of its live entries and the row (no-op when the arena's chunks are
    /// used up).
    /// </summary>
    public void Make(int row, ReadOnlySpan<int> live, ReadOnlySpan<float> similarity) => Make(row, live, similarity, gathered: false, float.NegativeInfinity, pending: false);

    /// <summary>
    /// Makes row r's list ahead, from the increasing indices of the entries it keeps and those entries: usable once
    /// <see cref="Floor"/> is at least <paramref name="largestLeftOut"/>, a bound on every entry it does not hold (no-op when
    /// the arena's chunks are used up).
    /// </summary>
    /// <param name="row">The row.</param>
    /// <param name="kept">The increasing indices of the entries kept.</param>
    /// <param name="keptValues">The entries kept.</param>
    /// <param name="largestLeftOut">At least every entry not kept.</param>
    /// <param name="rowSum">
    /// The row's sum as the gain kernel computes it against zero coverage: with the kept entries it bounds the sum of
    /// the entries left out (allowing for the kernel's rounding, γ = (|U| + 128)·2⁻²⁴ relative).
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void MakePending(int row, ReadOnlySpan<int> kept, ReadOnlySpan<float> keptValues, float largestLeftOut, float rowSum)
    {
        if (keptValues.Length != kept.Length)
        {
            throw new ArgumentException($"{kept.Length} indices but {keptValues.Length} values.", nameof(keptValues));
        }

        // Σ over all entries ≤ rowSum/(1 − γ) and Σ kept ≥ keptSum/(1 + γ), both sums of at most |U| nonnegative floats.
        float keptSum = SumOf(keptValues);
        double gamma = (rowLength + 128.0) * Math.ScaleB(1.0, -24);
        double leftOut = gamma < 1 ? (rowSum / (1 - gamma)) - (keptSum / (1 + gamma)) : double.PositiveInfinity;
        float rounded = (float)Math.Max(leftOut, 0.0);
        leftOutSum[row] = rounded < leftOut ? MathF.BitIncrement(rounded) : rounded;

        Make(row, kept, keptValues, gathered: true, largestLeftOut, pending: true);
    }

    /// <summary>Σ values in eight lanes (any order will do: the caller allows for the rounding of a sum of that many terms).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SumOf(ReadOnlySpan<float> values)
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        int i = 0;
        var lanes = Vector256<float>.Zero;
        for (; i + 8 <= values.Length; i += 8)
        {
            lanes += Vector256.LoadUnsafe(ref v, (nuint)i);
        }

        float sum = Vector256.Sum(lanes);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    private bool IsUsable(int row) => usableFrom[row] <= Floor;

    /// <param name="row">The row.</param>
    /// <param name="live">The increasing indices the list holds.</param>
    /// <param name="values">The row (or, when <paramref name="gathered"/>, just the entries at those indices).</param>
    /// <param name="gathered">Whether <paramref name="values"/> are the listed entries themselves.</param>
    /// <param name="largestLeftOut">The floor from which the list is usable (−∞: at once).</param>
    /// <param name="pending">Whether the list is made ahead (counted against the pending lists' share of the arena).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Make(int row, ReadOnlySpan<int> live, ReadOnlySpan<float> values, bool gathered, float largestLeftOut, bool pending)
    {
        int count = live.Length;
        if (count == 0)
        {
            usableFrom[row] = largestLeftOut;
            countOf[row] = 0;
            return;
        }

        int chunk;
        int offset;
        lock (gate)
        {
            largestPending = Math.Max(largestPending, largestLeftOut);
            if (pending && storedPending >= MaximumStored)
            {
                return;
            }

            if (usedInLastChunk > chunkLength - count)
            {
                if (chunkCount == chunks.Length)
                {
                    return;
                }

                // Pooled: a fresh chunk costs page faults on first touch (about 2 ms per chunk on the project's VM).
                chunks[chunkCount++] = (ArrayPool<int>.Shared.Rent(Math.Max(chunkLength, count)), ArrayPool<float>.Shared.Rent(Math.Max(chunkLength, count)));
                usedInLastChunk = 0;
            }

            chunk = chunkCount - 1;
            offset = usedInLastChunk;
            usedInLastChunk += count;
            if (pending)
            {
                storedPending += count;
            }
            else
            {
                stored += count;
            }
        }

        (int[] chunkIndices, float[] chunkValues) = chunks[chunk];
        live.CopyTo(chunkIndices.AsSpan(offset, count));
        if (gathered)
        {
            values.CopyTo(chunkValues.AsSpan(offset, count));
        }
        else
        {
            for (int t = 0; t < count; t++)
            {
                chunkValues[offset + t] = values[live[t]];
            }
        }

        chunkOf[row] = chunk;
        offsetOf[row] = offset;
        usableFrom[row] = largestLeftOut;
        countOf[row] = count;
    }

    /// <summary>Returns the chunks to the pool; the lists are gone (every row reads in full again).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            countOf.AsSpan().Fill(-1);
            usableFrom.AsSpan().Fill(float.NegativeInfinity);
            largestPending = float.NegativeInfinity;
            for (int c = 0; c < chunkCount; c++)
            {
                ArrayPool<int>.Shared.Return(chunks[c].Indices);
                ArrayPool<float>.Shared.Return(chunks[c].Values);
                chunks[c] = default;
            }

            chunkCount = 0;
            usedInLastChunk = chunkLength;
            stored = MaximumStored;
            storedPending = MaximumStored;
        }
    }
}
