namespace FastCoverage.Selection;

/// <summary>
/// Where the optimizers get facility-location similarities sᵢⱼ (i represented, j candidate) from: a dense
/// candidate-major matrix, kernel columns computed on demand from features, or a sparse nearest-neighbour graph.
/// </summary>
/// <remarks>
/// Every source computes the gain of a candidate by one fixed sequence of operations, so the same candidate against
/// the same coverage always gets the bit-identical gain, whichever optimizer or thread asks; that is what makes lazy
/// and naive greedy agree exactly. Implementations are safe for concurrent <see cref="IGainEvaluator.Gain"/> calls.
/// </remarks>
internal interface ISimilaritySource : IGainEvaluator
{
    /// <summary>|U|, the number of represented points (length of the coverage vector).</summary>
    int RepresentedCount { get; }

    /// <summary>The number of candidates.</summary>
    int CandidateCount { get; }

    /// <summary>
    /// Gains of many candidates at once (parallel where it pays); the same values <see cref="IGainEvaluator.Gain"/> returns. The coverage
    /// is the optimizer's own array, read (not copied) by every worker and not modified during the call.
    /// </summary>
    void Gains(ReadOnlySpan<int> candidates, float[] coverage, Span<float> gains, int maxDegreeOfParallelism);

    /// <summary>coverageᵢ ← max(coverageᵢ, sᵢⱼ): adds candidate j to the selection.</summary>
    void Cover(int candidate, Span<float> coverage);
}

/// <summary>The gain of one candidate against a coverage vector (what <see cref="ParallelGains"/> spreads over threads).</summary>
internal interface IGainEvaluator
{
    /// <summary>Σᵢ max(sᵢⱼ − coverageᵢ, 0) for candidate j.</summary>
    float Gain(int candidate, ReadOnlySpan<float> coverage);
}
