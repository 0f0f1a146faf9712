using CommunityToolkit.HighPerformance;

namespace FastCoverage.Theory;

/// <summary>
/// The coverage risk of a kernel/linear learner (coverage-view paper §2, Appendix A): R(S) = tr((I − P_S)Σ) (eq. 2),
/// P_S the orthogonal projector onto span{φ_i : i ∈ S}, and its marginal in closed form
/// g_i(S) = ⟨φ⊥, Σφ⊥⟩/‖φ⊥‖², φ⊥ = (I − P_S)φ_i (eq. 1).
/// </summary>
/// <remarks>
/// Work is in double precision. A <see cref="ProjectionRiskContext"/> keeps an orthonormal basis of the selected
/// features, so adding a point costs O(|S|·D) (Gram–Schmidt, applied twice) and one marginal costs
/// O(|S|·D + D²) (the residual, then one product with Σ). Σ must be symmetric positive semi-definite; symmetry is
/// checked, definiteness is the caller's contract.
/// </remarks>
public sealed class ProjectionRisk
{
    private readonly double[,] features;
    private readonly double[,] covariance;

    /// <summary>Builds the risk for N features φ_i ∈ ℝ^D (rows) and a D×D second moment Σ (both copied).</summary>
    /// <param name="features">N×D, finite.</param>
    /// <param name="covariance">Σ, D×D, finite, symmetric (to 1e-12 relative), positive semi-definite.</param>
    public ProjectionRisk(ReadOnlySpan2D<double> features, ReadOnlySpan2D<double> covariance)
    {
        if (features.Height < 1 || features.Width < 1)
        {
            throw new ArgumentException("The feature matrix is empty.", nameof(features));
        }

        if (covariance.Height != features.Width || covariance.Width != features.Width)
        {
            throw new ArgumentException($"covariance must be {features.Width}×{features.Width} to match the features, not {covariance.Height}×{covariance.Width}.", nameof(covariance));
        }

        this.features = CopyFinite(features, nameof(features));
        this.covariance = CopyFinite(covariance, nameof(covariance));
        int d = this.covariance.GetLength(0);
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b < a; b++)
            {
                double x = this.covariance[a, b], y = this.covariance[b, a];
                if (Math.Abs(x - y) > 1e-12 * Math.Max(1.0, Math.Max(Math.Abs(x), Math.Abs(y))))
                {
                    throw new ArgumentException($"covariance is not symmetric: [{a},{b}] = {x} but [{b},{a}] = {y}.", nameof(covariance));
                }
            }
        }

        for (int a = 0; a < d; a++)
        {
            TotalVariance += this.covariance[a, a];
        }
    }

    /// <summary>N, the number of candidate points.</summary>
    public int PointCount => features.GetLength(0);

    /// <summary>D, the feature dimension.</summary>
    public int Dimension => features.GetLength(1);

    /// <summary>tr(Σ) = R(∅).</summary>
    public double TotalVariance { get; }

    /// <summary>An empty selection context S = ∅, to grow point by point.</summary>
    public ProjectionRiskContext CreateContext() => new(this);

    /// <summary>R(S) = tr((I − P_S)Σ) (eq. 2).</summary>
    /// <param name="selected">the selected points (duplicates and dependent features allowed).</param>
    public double Risk(ReadOnlySpan<int> selected) => ContextOf(selected).Risk;

    /// <summary>g_i(S) = R(S) − R(S ∪ {i}) by the closed form (1).</summary>
    /// <param name="point">the point i.</param>
    /// <param name="context">the context S.</param>
    public double Marginal(int point, ReadOnlySpan<int> context) => ContextOf(context).Marginal(point);

    /// <summary>
    /// Greedy forward selection on R ("adaptive recomputation recovers greedy", §3 Scope): k times, add the point of
    /// largest marginal g_i(S) (ties by lowest index), recomputing every marginal against the grown set.
    /// </summary>
    /// <param name="k">the budget, 0 ≤ k ≤ N.</param>
    public ProjectionGreedyResult GreedyForward(int k)
    {
        if (k < 0 || k > PointCount)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"The budget k must lie in [0, N = {PointCount}].");
        }

        ProjectionRiskContext context = CreateContext();
        var taken = new bool[PointCount];
        var selected = new int[k];
        var gains = new double[k];
        for (int step = 0; step < k; step++)
        {
            int best = -1;
            double bestGain = double.NegativeInfinity;
            for (int i = 0; i < PointCount; i++)
            {
                if (!taken[i])
                {
                    double gain = context.Marginal(i);
                    if (gain > bestGain)
                    {
                        best = i;
                        bestGain = gain;
                    }
                }
            }

            taken[best] = true;
            selected[step] = best;
            gains[step] = bestGain;
            context.Add(best);
        }

        return new ProjectionGreedyResult(selected, gains, context.Risk);
    }

    internal ReadOnlySpan<double> Feature(int point)
    {
        if ((uint)point >= (uint)PointCount)
        {
            throw new ArgumentOutOfRangeException(nameof(point), point, $"Points are indexed 0..{PointCount - 1}.");
        }

        return new ReadOnlySpan2D<double>(features).GetRowSpan(point);
    }

    /// <summary>⟨v, Σv⟩.</summary>
    internal double Quadratic(ReadOnlySpan<double> v)
    {
        double total = 0;
        var sigma = new ReadOnlySpan2D<double>(covariance);
        for (int a = 0; a < v.Length; a++)
        {
            total += v[a] * System.Numerics.Tensors.TensorPrimitives.Dot(sigma.GetRowSpan(a), v);
        }

        return total;
    }

    private ProjectionRiskContext ContextOf(ReadOnlySpan<int> selected)
    {
        ProjectionRiskContext context = CreateContext();
        foreach (int s in selected)
        {
            context.Add(s);
        }

        return context;
    }

    private static double[,] CopyFinite(ReadOnlySpan2D<double> source, string parameterName)
    {
        var copy = new double[source.Height, source.Width];
        for (int i = 0; i < source.Height; i++)
        {
            ReadOnlySpan<double> row = source.GetRowSpan(i);
            for (int j = 0; j < row.Length; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    throw new ArgumentException($"{parameterName} holds {row[j]} at row {i}, column {j}; values must be finite.", parameterName);
                }

                copy[i, j] = row[j];
            }
        }

        return copy;
    }
}
