namespace FastCoverage.Valuation;

/// <summary>
/// A semivalue φᵢ = Σ_{S ⊆ D∖{i}} w(|S|)·[v(S ∪ {i}) − v(S)] (CDVM §2.1.1), written through the probability
/// p(s) = C(n−1, s)·w(s) that a marginal is taken at a coalition of size s, so that φᵢ = Σₛ p(s)·E_{|S|=s}[Δᵢ(S)].
/// Shapley: p(s) = 1/n. Banzhaf: p(s) = C(n−1, s)/2ⁿ⁻¹. Beta(α, β) Shapley (Kwon &amp; Zou 2022):
/// p(s) = C(n−1, s)·B(s + β, n − 1 − s + α)/B(α, β), a beta-binomial law; α = β = 1 is Shapley, α &gt; β favours small coalitions.
/// </summary>
public readonly record struct Semivalue
{
    private Semivalue(string name, double alpha, double beta)
    {
        Name = name;
        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>The method name: "shapley", "banzhaf" or "beta-shapley".</summary>
    public string Name { get; }

    /// <summary>α of Beta Shapley (1 for Shapley; NaN for Banzhaf).</summary>
    public double Alpha { get; }

    /// <summary>β of Beta Shapley (1 for Shapley; NaN for Banzhaf).</summary>
    public double Beta { get; }

    /// <summary>The Shapley value (every coalition size equally likely).</summary>
    public static Semivalue Shapley => new("shapley", 1, 1);

    /// <summary>The Banzhaf value (every coalition equally likely).</summary>
    public static Semivalue Banzhaf => new("banzhaf", double.NaN, double.NaN);

    /// <summary>Beta(α, β) Shapley; Kwon &amp; Zou recommend Beta(16, 1) for noisy-label detection.</summary>
    /// <exception cref="ArgumentException">α or β is not a finite positive number.</exception>
    public static Semivalue BetaShapley(double alpha, double beta)
    {
        Finite.ThrowIfNotPositive(alpha, nameof(alpha));

        Finite.ThrowIfNotPositive(beta, nameof(beta));

        return new("beta-shapley", alpha, beta);
    }

    /// <summary>p(s) for s = 0 … n − 1: the probability of marginals at coalition size s; they sum to 1.</summary>
    public double[] SizeProbabilities(int playerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(playerCount, 1);
        int n = playerCount;
        var p = new double[n];
        for (int s = 0; s < n; s++)
        {
            p[s] = double.IsNaN(Alpha)
                ? Math.Exp(LogChoose(n - 1, s) - ((n - 1) * Math.Log(2)))
                : Math.Exp(LogChoose(n - 1, s) + LogBeta(s + Beta, n - 1 - s + Alpha) - LogBeta(Alpha, Beta));
        }

        return p;
    }

    /// <summary>w(s) = p(s)/C(n−1, s), the weight of one coalition of size s.</summary>
    public double[] CoalitionWeights(int playerCount)
    {
        double[] p = SizeProbabilities(playerCount);
        for (int s = 0; s < p.Length; s++)
        {
            p[s] = Math.Exp(Math.Log(p[s]) - LogChoose(playerCount - 1, s));
        }

        return p;
    }

    private static double LogChoose(int n, int k) => LogGamma(n + 1.0) - LogGamma(k + 1.0) - LogGamma(n - k + 1.0);

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    private static double LogGamma(double x) => MathNet.Numerics.SpecialFunctions.GammaLn(x);
}
