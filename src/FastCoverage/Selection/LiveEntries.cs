using System.Buffers;
using System.Runtime.CompilerServices;

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
/// have died since. Lists live in chunks of one arena, bounded by <see cref="MaximumStored"/> entries in all; once it is
/// full, rows are read in full. The chunks are rented from the shared array pool and returned by <see cref="Dispose"/>.
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
    private readonly (int[] Indices, float[] Values)[] chunks;
    private readonly Lock gate = new();
    private int chunkCount;
    private int usedInLastChunk;
    private long stored;

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
        // A chunk is left for a new one only when the next list does not fit, so with lists of at most half a chunk every
        // chunk but the last is over half full and this many suffice; past that no more lists are made. A fixed array:
        // readers on other threads never see it resized.
        chunks = new (int[], float[])[(2 * (MaximumStored + MaximumLength) / chunkLength) + 2];
    }

    /// <summary>The longest list made: an eighth of a row.</summary>
    public int MaximumLength { get; }

    /// <summary>The most entries all lists together take when made (a sixteenth of the matrix; at least one chunk).</summary>
    public long MaximumStored { get; }

    /// <summary>Entries taken in the arena so far.</summary>
    public long Stored => Interlocked.Read(ref stored);

    /// <summary>The length of row r's list, or −1 without one.</summary>
    public int Count(int row) => countOf[row];

    /// <summary>Row r's list, if it has one.</summary>
    public bool TryGet(int row, out Span<int> indices, out Span<float> values)
    {
        int count = countOf[row];
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
    public bool TryGain(int row, ReadOnlySpan<float> coverage, out float gain)
    {
        if (!TryGet(row, out Span<int> indices, out Span<float> values))
        {
            gain = 0f;
            return false;
        }

        gain = FacilityGainKernel.SumListed(indices, values, coverage, FacilityGainKernel.ActivePath, out int stillLive);
        countOf[row] = stillLive;
        return true;
    }

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

    /// <summary>Whether row r has no list yet and the arena has room for one.</summary>
    public bool CanMake(int row) => countOf[row] < 0 && Stored < MaximumStored;

    /// <summary>
    /// Makes row r's list from the increasing indices of its live entries and the row (no-op when the arena's chunks are
    /// used up).
    /// </summary>
    public void Make(int row, ReadOnlySpan<int> live, ReadOnlySpan<float> similarity)
    {
        int count = live.Length;
        if (count == 0)
        {
            countOf[row] = 0;
            return;
        }

        int chunk;
        int offset;
        lock (gate)
        {
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
            stored += count;
        }

        (int[] chunkIndices, float[] chunkValues) = chunks[chunk];
        for (int t = 0; t < count; t++)
        {
            chunkIndices[offset + t] = live[t];
            chunkValues[offset + t] = similarity[live[t]];
        }

        chunkOf[row] = chunk;
        offsetOf[row] = offset;
        countOf[row] = count;
    }

    /// <summary>Returns the chunks to the pool; the lists are gone (every row reads in full again).</summary>
    public void Dispose()
    {
        lock (gate)
        {
            countOf.AsSpan().Fill(-1);
            for (int c = 0; c < chunkCount; c++)
            {
                ArrayPool<int>.Shared.Return(chunks[c].Indices);
                ArrayPool<float>.Shared.Return(chunks[c].Values);
                chunks[c] = default;
            }

            chunkCount = 0;
            usedInLastChunk = chunkLength;
            stored = MaximumStored;
        }
    }
}
