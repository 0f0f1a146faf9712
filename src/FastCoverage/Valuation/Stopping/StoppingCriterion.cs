namespace FastCoverage.Valuation.Stopping;

/// <summary>The outcome of checking a stopping criterion.</summary>
/// <param name="Done">Whether sampling should stop.</param>
/// <param name="Completion">Progress towards stopping in [0, 1], for a progress bar.</param>
public readonly record struct StoppingCheck(bool Done, double Completion);

/// <summary>
/// When a Monte-Carlo valuation stops (the pyDVL design): criteria are checked after every sample, report their
/// completion in [0, 1] and a per-point converged mask, and compose with <c>&amp;</c> (all must hold; completion is the
/// minimum; converged where both say so) and <c>|</c> (any suffices; the maximum; converged where either says so).
/// A criterion may keep state between checks (<see cref="RankStability"/>); the methods reset it at the start of a run.
/// </summary>
public abstract class StoppingCriterion
{
    /// <summary>Stop after <paramref name="samples"/> samples (permutations or subsets).</summary>
    public static StoppingCriterion MaxSamples(int samples) => new MaxSamplesCriterion(samples);

    /// <summary>Stop once <paramref name="duration"/> of wall-clock time has passed (the result then depends on speed).</summary>
    public static StoppingCriterion MaxTime(TimeSpan duration) => new MaxTimeCriterion(duration);

    /// <summary>
    /// Stop when every point's standard error is at most <paramref name="tolerance"/> (absolute, never relative to the
    /// estimate, which may be near 0) after at least <paramref name="burnIn"/> samples (and never fewer than 2).
    /// </summary>
    public static StoppingCriterion StandardErrorBelow(double tolerance, int burnIn = 30) => new StandardErrorCriterion(tolerance, burnIn);

    /// <summary>
    /// Stop when the Spearman rank correlation of the values between two checks <paramref name="interval"/> samples
    /// apart is at least 1 − <paramref name="tolerance"/>; no ranking is recorded until every point has a sample.
    /// </summary>
    public static StoppingCriterion RankStability(int interval, double tolerance = 1e-3) => new RankStabilityCriterion(interval, tolerance);

    /// <summary>Both criteria must hold.</summary>
    public static StoppingCriterion operator &(StoppingCriterion left, StoppingCriterion right) => new CombinedCriterion(left, right, requireBoth: true);

    /// <summary>Either criterion suffices.</summary>
    public static StoppingCriterion operator |(StoppingCriterion left, StoppingCriterion right) => new CombinedCriterion(left, right, requireBoth: false);

    /// <summary>Checks the criterion on <paramref name="status"/> and writes each point's convergence into <paramref name="converged"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="converged"/> is shorter than the number of points.</exception>
    public StoppingCheck Check(ValuationStatus status, Span<bool> converged)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (converged.Length < status.PlayerCount)
        {
            throw new ArgumentException($"converged has {converged.Length} elements; {status.PlayerCount} are needed.", nameof(converged));
        }

        return CheckCore(status, converged[..status.PlayerCount]);
    }

    /// <summary>Forgets state kept between checks; called at the start of each run.</summary>
    public virtual void Reset()
    {
    }

    /// <summary>The check proper, on a mask of exactly n points.</summary>
    private protected abstract StoppingCheck CheckCore(ValuationStatus status, Span<bool> converged);

    /// <summary>
    /// <c>&amp;</c> (<paramref name="requireBoth"/>: done when both are, completion the minimum, converged where both say so)
    /// or <c>|</c> (done when either is, the maximum, converged where either says so).
    /// </summary>
    private sealed class CombinedCriterion(StoppingCriterion left, StoppingCriterion right, bool requireBoth) : StoppingCriterion
    {
        public override void Reset()
        {
            left.Reset();
            right.Reset();
        }

        private protected override StoppingCheck CheckCore(ValuationStatus status, Span<bool> converged)
        {
            var other = new bool[converged.Length];
            StoppingCheck a = left.CheckCore(status, converged);
            StoppingCheck b = right.CheckCore(status, other);
            for (int i = 0; i < converged.Length; i++)
            {
                converged[i] = requireBoth ? converged[i] & other[i] : converged[i] | other[i];
            }

            return requireBoth
                ? new StoppingCheck(a.Done && b.Done, Math.Min(a.Completion, b.Completion))
                : new StoppingCheck(a.Done || b.Done, Math.Max(a.Completion, b.Completion));
        }
    }
}
