namespace FastCoverage.Valuation.Stopping;

/// <summary>
/// Every <c>interval</c> samples, ranks the values (ties by lowest index) and compares with the previous ranking by
/// Spearman's ρ = 1 − 6Σd²/(n(n²−1)); done when ρ ≥ 1 − tolerance. Rankings are only recorded once every point has
/// at least one sample, so all-zero initial estimates cannot look stable. Completion is max(0, ρ) before that.
/// </summary>
internal sealed class RankStabilityCriterion : StoppingCriterion
{
    private readonly int _interval;
    private readonly double _tolerance;
    private int[]? _previousRanks;
    private int _nextCheck;
    private double _correlation;
    private bool _stable;

    public RankStabilityCriterion(int interval, double tolerance)
    {
        if (interval < 1)
        {
            throw new ArgumentException($"interval must be at least 1 (was {interval}).", nameof(interval));
        }

        if (!double.IsFinite(tolerance) || tolerance < 0 || tolerance >= 1)
        {
            throw new ArgumentException($"tolerance must lie in [0, 1) (was {tolerance}).", nameof(tolerance));
        }

        _interval = interval;
        _tolerance = tolerance;
    }

    public override void Reset()
    {
        _previousRanks = null;
        _nextCheck = 0;
        _correlation = 0;
        _stable = false;
    }

    private protected override StoppingCheck CheckCore(ValuationStatus status, Span<bool> converged)
    {
        if (!_stable && status.Samples >= _nextCheck && AllSampled(status))
        {
            int[] ranks = Ranks(status.Values);
            if (_previousRanks is not null)
            {
                _correlation = Spearman(_previousRanks, ranks);
                _stable = _correlation >= 1 - _tolerance;
            }

            _previousRanks = ranks;
            _nextCheck = status.Samples + _interval;
        }

        converged.Fill(_stable);
        return new StoppingCheck(_stable, _stable ? 1 : Math.Clamp(_correlation, 0, 1 - 1e-9));
    }

    private static bool AllSampled(ValuationStatus status)
    {
        foreach (int c in status.Counts)
        {
            if (c < 1)
            {
                return false;
            }
        }

        return true;
    }

    private static int[] Ranks(double[] values)
    {
        int[] order = Enumerable.Range(0, values.Length).ToArray();
        Array.Sort(order, (a, b) => values[a] != values[b] ? values[a].CompareTo(values[b]) : a.CompareTo(b));
        var ranks = new int[values.Length];
        for (int r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }

    private static double Spearman(int[] a, int[] b)
    {
        int n = a.Length;
        if (n < 2)
        {
            return 1;
        }

        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        return 1 - (6 * sum / (n * ((double)n * n - 1)));
    }
}
