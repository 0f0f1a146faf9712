namespace FastCoverage.Valuation.Sampling;

/// <summary>Per-point running mean and variance (Welford), folded in sample order so the result is reproducible.</summary>
internal sealed class RunningMoments(int count)
{
    private readonly double[] _mean = new double[count];
    private readonly double[] _m2 = new double[count];
    private readonly int[] _count = new int[count];

    public ReadOnlySpan<double> Mean => _mean;

    public ReadOnlySpan<int> Count => _count;

    public void Add(int i, double x)
    {
        int k = ++_count[i];
        double delta = x - _mean[i];
        _mean[i] += delta / k;
        _m2[i] += delta * (x - _mean[i]);
    }

    /// <summary>The unbiased sample variance; +∞ with fewer than two samples.</summary>
    public double Variance(int i) => _count[i] < 2 ? double.PositiveInfinity : _m2[i] / (_count[i] - 1);

    /// <summary>The standard error of the mean √(s²/k); +∞ with fewer than two samples.</summary>
    public double StandardError(int i) => _count[i] < 2 ? double.PositiveInfinity : Math.Sqrt(Variance(i) / _count[i]);
}
