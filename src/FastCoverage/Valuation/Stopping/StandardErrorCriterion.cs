namespace FastCoverage.Valuation.Stopping;

/// <summary>
/// Point i is converged when it has at least max(2, burn-in) samples and an absolute standard error ≤ tolerance; an
/// estimate without samples (or with one, whose variance is unknown) never counts. Done when all points converge.
/// </summary>
internal sealed class StandardErrorCriterion : StoppingCriterion
{
    private readonly double _tolerance;
    private readonly int _burnIn;

    public StandardErrorCriterion(double tolerance, int burnIn)
    {
        Finite.ThrowIfNotPositive(tolerance, nameof(tolerance));

        if (burnIn < 0)
        {
            throw new ArgumentException($"burnIn must be non-negative (was {burnIn}).", nameof(burnIn));
        }

        _tolerance = tolerance;
        _burnIn = Math.Max(2, burnIn);
    }

    private protected override StoppingCheck CheckCore(ValuationStatus status, Span<bool> converged)
    {
        int n = converged.Length;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            converged[i] = status.Counts[i] >= _burnIn && status.StandardErrors[i] <= _tolerance;
            count += converged[i] ? 1 : 0;
        }

        return n == 0 ? new StoppingCheck(true, 1) : new StoppingCheck(count == n, (double)count / n);
    }
}
