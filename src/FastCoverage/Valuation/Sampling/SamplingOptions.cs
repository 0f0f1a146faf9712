namespace FastCoverage.Valuation.Sampling;

/// <summary>Options shared by the Monte-Carlo valuation methods.</summary>
public sealed record SamplingOptions
{
    /// <summary>The seed; sample t draws from a generator derived from (Seed, t) only.</summary>
    public ulong Seed { get; init; }

    /// <summary>Threads computing samples; −1 for all. The result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Samples computed in parallel between two folds into the estimates (memory: this many rows of n doubles).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Called after each batch with the stopping criterion's completion in [0, 1].</summary>
    public IProgress<double>? Progress { get; init; }

    internal void Validate()
    {
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism must be −1 or positive (was {MaxDegreeOfParallelism}).", nameof(MaxDegreeOfParallelism));
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"BatchSize must be at least 1 (was {BatchSize}).", nameof(BatchSize));
        }
    }
}
