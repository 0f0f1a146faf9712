using BenchmarkDotNet.Attributes;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// The kernels of lazy greedy's pending lists on one L2-resident row of 20000 entries (active path): the first pass's
/// fused sum at zero coverage that also lists the entries above θ (about 1/32 of them) against the plain sum, and a
/// listed gain over 625 entries (all live, so the list is unchanged between calls; half live and pruned in
/// <see cref="ListedGainHalfLive"/>, which re-copies the list first, as the copy is part of its time).
/// </summary>
public class SelectionPendingListBenchmarks
{
    private const int Length = 20000;
    private readonly float[] row = new float[Length];
    private readonly float[] zeros = new float[Length];
    private readonly float[] coverage = new float[Length];
    private readonly int[] above = new int[(Length / 8) + GainAccumulator512.BlockLength];
    private readonly float[] aboveValues = new float[(Length / 8) + GainAccumulator512.BlockLength];
    private int[] listed = [];
    private float[] listedValues = [];
    private readonly int[] scratchIndices = new int[Length];
    private readonly float[] scratchValues = new float[Length];
    private float[] halfLiveCoverage = [];
    private float threshold;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (int i = 0; i < Length; i++)
        {
            row[i] = random.NextSingle();
            coverage[i] = 0.5f * random.NextSingle();
        }

        threshold = 1f - (1f / 32f);
        listed = [.. Enumerable.Range(0, Length).Where(i => row[i] > threshold)];
        listedValues = [.. listed.Select(i => row[i])];
        halfLiveCoverage = [.. Enumerable.Range(0, Length).Select(i => i % 2 == 0 ? 1f : coverage[i])];
    }

    /// <summary>The plain first-pass gain: Σ max(sᵢ − 0, 0).</summary>
    [Benchmark(Baseline = true)]
    public float SumAtZeroCoverage() => FacilityGainKernel.Sum(row, zeros);

    /// <summary>The same sum, listing the entries above θ in the same read.</summary>
    [Benchmark]
    public float SumAtZeroCoverageListingAbove() =>
        FacilityGainKernel.SumAtZeroCoverageCollectingAbove(row, zeros, threshold, above, aboveValues, Length / 8, out _, out _);

    /// <summary>A listed gain, every entry live.</summary>
    [Benchmark]
    public float ListedGainAllLive() => FacilityGainKernel.SumListed(listed, listedValues, coverage, FacilityGainKernel.ActivePath, out _);

    /// <summary>A listed gain with about half the entries dead (dropped), after restoring the list.</summary>
    [Benchmark]
    public float ListedGainHalfLive()
    {
        listed.CopyTo(scratchIndices, 0);
        listedValues.CopyTo(scratchValues, 0);
        return FacilityGainKernel.SumListed(scratchIndices.AsSpan(0, listed.Length), scratchValues.AsSpan(0, listed.Length), halfLiveCoverage, FacilityGainKernel.ActivePath, out _);
    }
}
