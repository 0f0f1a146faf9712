namespace FastCoverage.Valuation.Stopping;

/// <summary>Stop after a number of samples; every point counts as converged once it is reached.</summary>
internal sealed class MaxSamplesCriterion : StoppingCriterion
{
    private readonly int _samples;

    public MaxSamplesCriterion(int samples)
    {
        if (samples < 1)
        {
            throw new ArgumentException($"samples must be at least 1 (was {samples}).", nameof(samples));
        }

        _samples = samples;
    }

    private protected override StoppingCheck CheckCore(ValuationStatus status, Span<bool> converged)
    {
        bool done = status.Samples >= _samples;
        converged.Fill(done);
        return new StoppingCheck(done, Math.Min(1, (double)status.Samples / _samples));
    }
}

/// <summary>Stop after a wall-clock duration; every point counts as converged once it has passed.</summary>
internal sealed class MaxTimeCriterion : StoppingCriterion
{
    private readonly TimeSpan _duration;

    public MaxTimeCriterion(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"duration must be positive (was {duration}).", nameof(duration));
        }

        _duration = duration;
    }

    private protected override StoppingCheck CheckCore(ValuationStatus status, Span<bool> converged)
    {
        bool done = status.Elapsed >= _duration;
        converged.Fill(done);
        return new StoppingCheck(done, Math.Min(1, status.Elapsed / _duration));
    }
}
