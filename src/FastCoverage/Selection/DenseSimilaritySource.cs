using System.Numerics.Tensors;

namespace FastCoverage.Selection;

/// <summary>
/// A dense similarity stored candidate-major: row j holds sᵢⱼ for every represented i, so the gain of a candidate is
/// one contiguous SIMD pass (<see cref="FacilityGainKernel"/>) and committing it is one contiguous max.
/// </summary>
/// <remarks>
/// The storage is a flat float array of n_candidates × n_represented entries, either the caller's (wrapped without a
/// copy) or one this library filled (a transposed copy or a Gram matrix). With the rows' group maxima (from the fused
/// validating first pass, Vector512 path only) batches of gains skip every group of 64 represented points that the
/// coverage already covers for that candidate (<see cref="FacilityGainKernel.SumSkippingCovered"/>, bit-identical to
/// <see cref="Gain"/>), so late re-evaluations read a fraction of each row.
/// </remarks>
internal sealed class DenseSimilaritySource : ISimilaritySource
{
    private readonly ReadOnlyMemory<float> candidateMajor;
    private readonly float[]? groupMaxima;
    private readonly int groups;

    public DenseSimilaritySource(ReadOnlyMemory<float> candidateMajor, int candidateCount, int representedCount, float[]? groupMaxima = null)
    {
        groups = representedCount / FacilityGainKernel.GroupLength;
        if (groupMaxima is not null && (groupMaxima.Length != (long)candidateCount * groups || FacilityGainKernel.ActivePath != GainKernelPath.Vector512))
        {
            throw new ArgumentException($"Expected {candidateCount}×{groups} group maxima on the Vector512 path, got {groupMaxima.Length} on {FacilityGainKernel.ActivePath}.", nameof(groupMaxima));
        }

        this.groupMaxima = groupMaxima;
        if (candidateMajor.Length != (long)candidateCount * representedCount)
        {
            throw new ArgumentException($"Expected {candidateCount}×{representedCount} similarities, got {candidateMajor.Length}.", nameof(candidateMajor));
        }

        this.candidateMajor = candidateMajor;
        CandidateCount = candidateCount;
        RepresentedCount = representedCount;
    }

    public int RepresentedCount { get; }

    public int CandidateCount { get; }

    public ReadOnlySpan<float> Column(int candidate) => candidateMajor.Span.Slice(candidate * RepresentedCount, RepresentedCount);

    public float Gain(int candidate, ReadOnlySpan<float> coverage) => FacilityGainKernel.Sum(Column(candidate), coverage);

    /// <summary>
    /// Below this many similarities (512 KB) a batch of gains runs on the calling thread: waking the workers costs more than
    /// the passes (a few rows of lazy greedy's re-evaluations).
    /// </summary>
    private const long ParallelWork = 1 << 17;

    public void Gains(ReadOnlySpan<int> candidates, float[] coverage, Span<float> gains, int maxDegreeOfParallelism)
    {
        int count = candidates.Length;
        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        int chunk = (long)count * RepresentedCount < ParallelWork ? count
            : count >= 256 ? 64
            : (count + threads - 1) / threads;
        if (groupMaxima is null)
        {
            ParallelGains.Run(this, candidates, coverage, gains, maxDegreeOfParallelism, chunk);
            return;
        }

        float[] coverageGroupMinima = new float[groups];
        for (int g = 0; g < groups; g++)
        {
            coverageGroupMinima[g] = TensorPrimitives.Min(coverage.AsSpan(g * FacilityGainKernel.GroupLength, FacilityGainKernel.GroupLength));
        }

        ParallelGains.Run(
            (candidate, cur) => FacilityGainKernel.SumSkippingCovered(Column(candidate), cur, groupMaxima.AsSpan(candidate * groups, groups), coverageGroupMinima),
            candidates,
            coverage,
            gains,
            maxDegreeOfParallelism,
            chunk);
    }

    public void Cover(int candidate, Span<float> coverage) => TensorPrimitives.Max(coverage, Column(candidate), coverage);
}
