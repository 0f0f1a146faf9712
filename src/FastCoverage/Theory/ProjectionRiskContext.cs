using System.Numerics.Tensors;

namespace FastCoverage.Theory;

/// <summary>
/// A growing selection S for a <see cref="ProjectionRisk"/>: an orthonormal basis q_1..q_t of span{φ_s : s ∈ S}
/// (modified Gram–Schmidt, twice), with R(S) updated as R(S ∪ {i}) = R(S) − g_i(S).
/// </summary>
public sealed class ProjectionRiskContext
{
    /// <summary>A residual with ‖φ⊥‖² ≤ this × ‖φ‖² is treated as 0: φ_i already lies in the span.</summary>
    internal const double DependenceTolerance = 1e-20;

    private readonly ProjectionRisk risk;
    private readonly List<double[]> basis = [];
    private readonly List<int> selected = [];
    private readonly double[] residual;

    internal ProjectionRiskContext(ProjectionRisk risk)
    {
        this.risk = risk;
        residual = new double[risk.Dimension];
        Risk = risk.TotalVariance;
    }

    /// <summary>R(S) = tr((I − P_S)Σ) for the current S.</summary>
    public double Risk { get; private set; }

    /// <summary>The points added so far, in order.</summary>
    public IReadOnlyList<int> Selected => selected;

    /// <summary>dim span{φ_s : s ∈ S}.</summary>
    public int Rank => basis.Count;

    /// <summary>g_i(S) = ⟨φ⊥, Σφ⊥⟩/‖φ⊥‖² (eq. 1); 0 when φ_i lies in the span of S. Cost O(|S|·D + D²).</summary>
    /// <param name="point">the point i.</param>
    public double Marginal(int point) => Residual(point) ? risk.Quadratic(residual) / TensorPrimitives.Dot(residual, residual) : 0.0;

    /// <summary>Adds point i to S: extends the basis by φ⊥/‖φ⊥‖ (O(|S|·D)) and lowers R by g_i(S).</summary>
    /// <param name="point">the point i.</param>
    public void Add(int point)
    {
        if (Residual(point))
        {
            double[] q = residual.ToArray();
            TensorPrimitives.Divide(q, Math.Sqrt(TensorPrimitives.Dot(q, q)), q);
            Risk -= risk.Quadratic(q);
            basis.Add(q);
        }

        selected.Add(point);
    }

    /// <summary>Writes φ⊥ = (I − P_S)φ_i into the residual buffer; false when it is numerically 0.</summary>
    private bool Residual(int point)
    {
        ReadOnlySpan<double> phi = risk.Feature(point);
        phi.CopyTo(residual);
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (double[] q in basis)
            {
                double projection = TensorPrimitives.Dot(q, residual);
                TensorPrimitives.MultiplyAdd(q, -projection, residual, residual);
            }
        }

        double norm = TensorPrimitives.Dot(phi, phi);
        return norm > 0 && TensorPrimitives.Dot<double>(residual, residual) > DependenceTolerance * norm;
    }
}
