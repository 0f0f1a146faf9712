namespace FastCoverage.Selection;

/// <summary>
/// A greedy facility-location selection: the chosen candidates in the order they were picked, the marginal gain of
/// each, and F(S) = Σ_{i∈U} max_{j∈S} sᵢⱼ after each pick.
/// </summary>
public sealed class FacilityLocationResult
{
    internal FacilityLocationResult(int[] indices, double[] gains, double[] objectives, double initialObjective)
    {
        Indices = indices;
        Gains = gains;
        Objectives = objectives;
        InitialObjective = initialObjective;
    }

    /// <summary>The selected candidate indices in selection order (not including an initial subset).</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>The marginal gain F(S ∪ {j}) − F(S) of each pick, in selection order.</summary>
    public IReadOnlyList<double> Gains { get; }

    /// <summary>F(S) after each pick (the initial subset's value plus the gains so far).</summary>
    public IReadOnlyList<double> Objectives { get; }

    /// <summary>F of the initial subset (0 without one).</summary>
    public double InitialObjective { get; }

    /// <summary>F(S) of the final selection (with the initial subset).</summary>
    public double Objective => Objectives.Count > 0 ? Objectives[^1] : InitialObjective;
}
