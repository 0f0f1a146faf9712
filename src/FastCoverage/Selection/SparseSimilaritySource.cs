namespace FastCoverage.Selection;

/// <summary>
/// A sparse similarity in compressed rows by candidate (the transpose of the represented-major kNN graph): for
/// candidate j, the represented points i that keep j among their neighbours, ascending, with sᵢⱼ. Missing entries
/// are 0, so they never add gain. The gain is Σ over j's entries of max(sᵢⱼ − cur[i], 0), summed in entry order.
/// </summary>
internal sealed class SparseSimilaritySource : ISimilaritySource
{
    private readonly int[] offsets;
    private readonly int[] represented;
    private readonly float[] values;

    /// <param name="offsets">Entries of candidate j are [offsets[j], offsets[j + 1]).</param>
    /// <param name="represented">The represented index of each entry.</param>
    /// <param name="values">sᵢⱼ of each entry.</param>
    /// <param name="representedCount">|U|.</param>
    public SparseSimilaritySource(int[] offsets, int[] represented, float[] values, int representedCount)
    {
        this.offsets = offsets;
        this.represented = represented;
        this.values = values;
        RepresentedCount = representedCount;
    }

    public int RepresentedCount { get; }

    public int CandidateCount => offsets.Length - 1;

    /// <summary>The number of stored entries.</summary>
    public int EntryCount => values.Length;

    /// <summary>The represented indices and similarities stored for <paramref name="candidate"/>, in entry order.</summary>
    internal (ReadOnlyMemory<int> Represented, ReadOnlyMemory<float> Values) Entries(int candidate) =>
        (represented.AsMemory(offsets[candidate]..offsets[candidate + 1]), values.AsMemory(offsets[candidate]..offsets[candidate + 1]));

    public float Gain(int candidate, ReadOnlySpan<float> coverage)
    {
        float sum = 0f;
        int end = offsets[candidate + 1];
        for (int e = offsets[candidate]; e < end; e++)
        {
            sum += MathF.Max(values[e] - coverage[represented[e]], 0f);
        }

        return sum;
    }

    public void Gains(ReadOnlySpan<int> candidates, float[] coverage, Span<float> gains, int maxDegreeOfParallelism)
    {
        ParallelGains.Run(this, candidates, coverage, gains, maxDegreeOfParallelism, chunk: 256);
    }

    public void Cover(int candidate, Span<float> coverage)
    {
        int end = offsets[candidate + 1];
        for (int e = offsets[candidate]; e < end; e++)
        {
            ref float c = ref coverage[represented[e]];
            c = MathF.Max(c, values[e]);
        }
    }
}
