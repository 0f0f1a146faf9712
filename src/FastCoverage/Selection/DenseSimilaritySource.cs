using System.Numerics.Tensors;

namespace FastCoverage.Selection;

/// <summary>
/// A dense similarity stored candidate-major: row j holds sᵢⱼ for every represented i, so the gain of a candidate is
/// one contiguous SIMD pass (<see cref="FacilityGainKernel"/>) and committing it is one contiguous max.
/// </summary>
/// <remarks>
/// The storage is a flat float array of n_candidates × n_represented entries, either the caller's (wrapped without a
/// copy) or one this library filled (a transposed copy or a Gram matrix).
/// </remarks>
internal sealed class DenseSimilaritySource : ISimilaritySource
{
    private readonly ReadOnlyMemory<float> candidateMajor;

    public DenseSimilaritySource(ReadOnlyMemory<float> candidateMajor, int candidateCount, int representedCount)
    {
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
        ParallelGains.Run(this, candidates, coverage, gains, maxDegreeOfParallelism, chunk);
    }

    public void Cover(int candidate, Span<float> coverage) => TensorPrimitives.Max(coverage, Column(candidate), coverage);
}
