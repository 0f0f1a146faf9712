namespace FastCoverage.Theory;

/// <summary>
/// The interaction gap of the coverage view: how many modes a mode-blind top-k loses against greedy coverage,
/// δ_N(1, k) = min(k, r) − m*(k) (Theorem 2), its limit δ(1, k) = min(k, r) − r(1 − (1 − 1/r)^k), and the
/// input-geometry variant δ(Δ, k) = min(k, r) − m_in(k; Δ) (Proposition 1; learner-relative paper §3, eq. 1).
/// The excess risk is ρ times these counts.
/// </summary>
/// <remarks>
/// The gap is a difference of two numbers near k when k ≪ r, so its absolute error is a few units of
/// u·k (u = 2⁻⁵³) on top of the relative accuracy of <see cref="Occupancy"/>.
/// </remarks>
public static class OccupancyGap
{
    /// <summary>δ_N(1, k) = min(k, r) − m*(k) for r equal modes of size m (Theorem 2).</summary>
    /// <param name="modeCount">r ≥ 1.</param>
    /// <param name="modeSize">m ≥ 1.</param>
    /// <param name="k">0 ≤ k ≤ rm.</param>
    public static double Finite(int modeCount, long modeSize, long k) =>
        Occupancy.GreedyCoveredModes(modeCount, k) - Occupancy.ExpectedCoveredModes(modeCount, modeSize, k);

    /// <summary>δ_N(1, k) = min(k, r) − Σ_j (1 − C(N − m_j, k)/C(N, k)) for unequal modes.</summary>
    /// <param name="modeSizes">m_j ≥ 1 for every mode.</param>
    /// <param name="k">0 ≤ k ≤ N.</param>
    public static double Finite(ReadOnlySpan<long> modeSizes, long k) =>
        Occupancy.GreedyCoveredModes(modeSizes.Length, k) - Occupancy.ExpectedCoveredModes(modeSizes, k);

    /// <summary>The limit δ(1, k) = min(k, r) − r(1 − (1 − 1/r)^k) of δ_N(1, k) as N → ∞ (Theorem 2).</summary>
    /// <param name="modeCount">r ≥ 1.</param>
    /// <param name="k">k ≥ 0.</param>
    public static double Limit(int modeCount, long k) =>
        Occupancy.GreedyCoveredModes(modeCount, k) - Occupancy.ExpectedCoveredModesLimit(modeCount, k);

    /// <summary>The limit for unequal modes with fixed proportions: min(k, r) − Σ_j (1 − (1 − m_j/N)^k).</summary>
    /// <param name="modeSizes">m_j ≥ 1 for every mode.</param>
    /// <param name="k">k ≥ 0.</param>
    public static double Limit(ReadOnlySpan<long> modeSizes, long k) =>
        Occupancy.GreedyCoveredModes(modeSizes.Length, k) - Occupancy.ExpectedCoveredModesLimit(modeSizes, k);

    /// <summary>
    /// δ(Δ, k) = min(k, r) − m_in(k; Δ): the modes an input-geometry selector of misalignment Δ loses against the
    /// learner geometry (Proposition 1; learner-relative paper §3, eq. 1); Δ = 1 gives <see cref="Limit(int, long)"/>.
    /// </summary>
    /// <param name="modeCount">r ≥ 1.</param>
    /// <param name="k">k ≥ 0.</param>
    /// <param name="misalignment">Δ ∈ (0, 1].</param>
    public static double Misaligned(int modeCount, long k, double misalignment) =>
        Occupancy.GreedyCoveredModes(modeCount, k) - Occupancy.InputGeometryCoveredModes(modeCount, k, misalignment);

    /// <summary>The expected excess risk ρ·δ_N(1, k) of a symmetric valuation's top-k over greedy coverage (Theorem 2).</summary>
    /// <param name="modeCount">r ≥ 1.</param>
    /// <param name="modeSize">m ≥ 1.</param>
    /// <param name="k">0 ≤ k ≤ rm.</param>
    /// <param name="cost">ρ ≥ 0, the cost of an uncovered mode.</param>
    public static double ExcessRisk(int modeCount, long modeSize, long k, double cost)
    {
        if (!(cost >= 0 && double.IsFinite(cost)))
        {
            throw new ArgumentOutOfRangeException(nameof(cost), cost, "The cost ρ must be finite and non-negative.");
        }

        return cost * Finite(modeCount, modeSize, k);
    }
}
