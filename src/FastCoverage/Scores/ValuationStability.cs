using CommunityToolkit.HighPerformance;

namespace FastCoverage.Scores;

/// <summary>
/// Valuation stability (HCDV, eq. 54): the point-wise coefficient of variation of values over R repeated valuation
/// runs that differ only in their randomness (seeds), CV_i = Std_r(φ_i^(r)) / (|Mean_r(φ_i^(r))| + ε), and its mean
/// over points (1/n) Σ_i CV_i; lower is more stable.
/// </summary>
/// <remarks>
/// Std is the population standard deviation (divisor R, as numpy's default). Zero means: with ε &gt; 0 a point
/// whose mean is 0 gets Std/ε; with ε = 0 and mean exactly 0 the point gets 0 when all its runs agree (Std = 0) and
/// +∞ otherwise — the ratio is then undefined and reported as unbounded rather than hidden. Cost O(R·n), double.
/// </remarks>
public static class ValuationStability
{
    /// <summary>The default ε, small enough not to bias values of order 1/n for n up to 10⁶.</summary>
    public const double DefaultEpsilon = 1e-12;

    /// <summary>CV_i for every point.</summary>
    /// <param name="runs">φ, R×n: row r holds run r's values of the n points; R ≥ 2.</param>
    /// <param name="epsilon">ε ≥ 0 added to |mean| in the denominator.</param>
    /// <returns>CV, length n.</returns>
    /// <exception cref="ArgumentException">Fewer than two runs, no points, a value is NaN/Inf, or ε is negative or not finite.</exception>
    public static double[] CoefficientsOfVariation(ReadOnlySpan2D<double> runs, double epsilon = DefaultEpsilon)
    {
        Validate(runs, epsilon);
        int r = runs.Height, n = runs.Width;
        var cv = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k < r; k++)
            {
                sum += runs[k, i];
            }

            double mean = sum / r;
            double squares = 0;
            for (int k = 0; k < r; k++)
            {
                double deviation = runs[k, i] - mean;
                squares += deviation * deviation;
            }

            double std = Math.Sqrt(squares / r);
            double denominator = Math.Abs(mean) + epsilon;
            cv[i] = denominator > 0 ? std / denominator : (std == 0 ? 0.0 : double.PositiveInfinity);
        }

        return cv;
    }

    /// <summary>"Valuation Stability" of HCDV eq. 54: (1/n) Σ_i CV_i.</summary>
    /// <inheritdoc cref="CoefficientsOfVariation"/>
    public static double MeanCoefficientOfVariation(ReadOnlySpan2D<double> runs, double epsilon = DefaultEpsilon)
    {
        double[] cv = CoefficientsOfVariation(runs, epsilon);
        double sum = 0;
        foreach (double c in cv)
        {
            sum += c;
        }

        return sum / cv.Length;
    }

    private static void Validate(ReadOnlySpan2D<double> runs, double epsilon)
    {
        if (runs.Height < 2)
        {
            throw new ArgumentException($"Stability needs at least two runs (rows), got {runs.Height}.", nameof(runs));
        }

        if (runs.Width == 0)
        {
            throw new ArgumentException("The runs hold no points (zero columns).", nameof(runs));
        }

        Finite.ThrowIfNegative(epsilon, nameof(epsilon));

        for (int k = 0; k < runs.Height; k++)
        {
            ReadOnlySpan<double> row = runs.GetRowSpan(k);
            for (int i = 0; i < row.Length; i++)
            {
                if (!double.IsFinite(row[i]))
                {
                    throw new ArgumentException($"runs holds {row[i]} at run {k}, point {i}; values must be finite.", nameof(runs));
                }
            }
        }
    }
}
