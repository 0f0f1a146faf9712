namespace FastCoverage.Valuation.Stopping;

/// <summary>The running state of a Monte-Carlo valuation, as seen by a <see cref="StoppingCriterion"/>.</summary>
public sealed class ValuationStatus
{
    internal ValuationStatus(int playerCount)
    {
        Values = new double[playerCount];
        StandardErrors = new double[playerCount];
        Counts = new int[playerCount];
        StandardErrors.AsSpan().Fill(double.PositiveInfinity);
    }

    /// <summary>Completed samples (permutations, subsets) so far.</summary>
    public int Samples { get; internal set; }

    /// <summary>Wall-clock time since the run started.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>The number of points n.</summary>
    public int PlayerCount => Values.Length;

    /// <summary>The current estimates.</summary>
    internal double[] Values { get; }

    /// <summary>The current standard errors (+∞ where fewer than two samples exist).</summary>
    internal double[] StandardErrors { get; }

    /// <summary>The number of samples behind each estimate.</summary>
    internal int[] Counts { get; }

    /// <summary>The current estimate of point i.</summary>
    public double Value(int i) => Values[i];

    /// <summary>The current standard error of point i (+∞ with fewer than two samples).</summary>
    public double StandardError(int i) => StandardErrors[i];

    /// <summary>The number of samples behind the estimate of point i.</summary>
    public int Count(int i) => Counts[i];

    /// <summary>A status with given figures, for testing criteria.</summary>
    internal static ValuationStatus Of(int samples, TimeSpan elapsed, double[] values, double[] standardErrors, int[] counts)
    {
        var status = new ValuationStatus(values.Length) { Samples = samples, Elapsed = elapsed };
        values.CopyTo(status.Values, 0);
        standardErrors.CopyTo(status.StandardErrors, 0);
        counts.CopyTo(status.Counts, 0);
        return status;
    }
}
