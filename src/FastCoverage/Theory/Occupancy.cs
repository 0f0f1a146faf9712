namespace FastCoverage.Theory;

/// <summary>
/// The occupancy numbers of the coverage view (coverage-view paper, Theorem 2 and Appendix D): how many of r modes a
/// uniformly random k-subset of the pool covers in expectation, its N → ∞ limit, and the input-geometry variant
/// m_in(k; Δ) of the learner-relative paper (§3).
/// </summary>
/// <remarks>
/// Every finite-pool quantity is built on the miss probability C(N − m, k) / C(N, k), evaluated as exp(L) with
/// L = Σ_{t&lt;s} log1p(−l / (N − t)), s = min(m, k), l = max(m, k) (the product form Π_{t&lt;k} (N − m − t)/(N − t),
/// which is symmetric in m and k), summed with Neumaier compensation and stopped as soon as exp(L) underflows. The
/// complement 1 − ratio is −expm1(L), so it has no cancellation when the ratio is close to 1. Both the ratio and its
/// complement carry a relative error below about 8·u·max(1, |L|) (u = 2⁻⁵³): below 1e-12 everywhere (for ratios in
/// the normal double range, above 2.2e-308) and near 1e-15 in typical cases. The cost is O(min(m, k, √(745·N))):
/// at most about 8.6·10⁵ log1p calls for N = 10⁹.
/// </remarks>
public static class Occupancy
{
    /// <summary>ln of the smallest positive double; once L drops below it, exp(L) is 0.</summary>
    private const double LogUnderflow = -745.2;

    /// <summary>
    /// The probability C(N − m, k) / C(N, k) that a uniform k-subset of a pool of <paramref name="poolSize"/> points
    /// misses a given mode of <paramref name="modeSize"/> points (Theorem 2's proof, Appendix D).
    /// </summary>
    /// <param name="poolSize">N ≥ 1.</param>
    /// <param name="modeSize">m, 1 ≤ m ≤ N.</param>
    /// <param name="k">the budget, 0 ≤ k ≤ N.</param>
    public static double MissProbability(long poolSize, long modeSize, long k)
    {
        double logRatio = LogMissProbability(poolSize, modeSize, k);
        return double.IsNegativeInfinity(logRatio) ? 0.0 : Math.Exp(logRatio);
    }

    /// <summary>
    /// 1 − C(N − m, k) / C(N, k): the probability that a uniform k-subset covers a given mode of size m, computed as
    /// −expm1(L) so it keeps full relative accuracy when it is tiny.
    /// </summary>
    /// <param name="poolSize">N ≥ 1.</param>
    /// <param name="modeSize">m, 1 ≤ m ≤ N.</param>
    /// <param name="k">the budget, 0 ≤ k ≤ N.</param>
    public static double HitProbability(long poolSize, long modeSize, long k)
    {
        double logRatio = LogMissProbability(poolSize, modeSize, k);
        return double.IsNegativeInfinity(logRatio) ? 1.0 : -StableMath.ExpM1(logRatio);
    }

    /// <summary>
    /// The occupancy number m*(k) = r(1 − C((r−1)m, k)/C(rm, k)) for r equal modes of size m (Theorem 2): the expected
    /// number of modes covered by a uniform k-subset of the N = rm points.
    /// </summary>
    /// <param name="modeCount">r ≥ 1.</param>
    /// <param name="modeSize">m ≥ 1.</param>
    /// <param name="k">0 ≤ k ≤ rm.</param>
    public static double ExpectedCoveredModes(int modeCount, long modeSize, long k)
    {
        long poolSize = PoolSize(modeCount, modeSize);
        return modeCount * HitProbability(poolSize, modeSize, k);
    }

    /// <summary>
    /// Σ_j (1 − C(N − m_j, k)/C(N, k)), N = Σ_j m_j: the expected number of modes of the given sizes covered by a uniform
    /// k-subset (the unequal-mode occupancy of Proposition 1 and Corollary 1).
    /// </summary>
    /// <param name="modeSizes">m_j ≥ 1 for every mode; at least one mode.</param>
    /// <param name="k">0 ≤ k ≤ N.</param>
    public static double ExpectedCoveredModes(ReadOnlySpan<long> modeSizes, long k)
    {
        long poolSize = PoolSize(modeSizes);
        ThrowIfBadBudget(k, poolSize);
        double covered = 0;
        foreach (long size in modeSizes)
        {
            covered += HitProbability(poolSize, size, k);
        }

        return covered;
    }

    /// <summary>The N → ∞ limit of m*(k) for r equal modes: r(1 − (1 − 1/r)^k) (Theorem 2).</summary>
    /// <param name="modeCount">r ≥ 1.</param>
    /// <param name="k">k ≥ 0.</param>
    public static double ExpectedCoveredModesLimit(int modeCount, long k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modeCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return modeCount == 1 ? (k > 0 ? 1.0 : 0.0) : -modeCount * StableMath.ExpM1(k * StableMath.Log1P(-1.0 / modeCount));
    }

    /// <summary>
    /// The N → ∞ limit of the unequal-mode occupancy with fixed mode proportions p_j = m_j / N:
    /// Σ_j (1 − (1 − p_j)^k).
    /// </summary>
    /// <param name="modeSizes">m_j ≥ 1 for every mode (only their proportions matter).</param>
    /// <param name="k">k ≥ 0.</param>
    public static double ExpectedCoveredModesLimit(ReadOnlySpan<long> modeSizes, long k)
    {
        long poolSize = PoolSize(modeSizes);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        double covered = 0;
        foreach (long size in modeSizes)
        {
            covered += size == poolSize ? (k > 0 ? 1.0 : 0.0) : -StableMath.ExpM1(k * StableMath.Log1P(-(double)size / poolSize));
        }

        return covered;
    }

    /// <summary>The number of modes greedy coverage covers with budget k: min(k, r) (Theorem 2, Appendix D).</summary>
    /// <param name="modeCount">r ≥ 1.</param>
    /// <param name="k">k ≥ 0.</param>
    public static long GreedyCoveredModes(int modeCount, long k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modeCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        return Math.Min(k, modeCount);
    }

    /// <summary>
    /// The input-geometry coverage m_in(k; Δ) = (r/Δ)(1 − (1 − Δ/r)^k) of a selector with misalignment Δ ∈ (0, 1]
    /// (Proposition 1; learner-relative paper §3), capped at r because no selector covers more than r modes. For a
    /// binding budget k ≤ r the cap is inactive (m_in ≤ k ≤ r by Bernoulli's inequality); Δ = 1 gives the scalar
    /// (mode-blind) limit r(1 − (1 − 1/r)^k).
    /// </summary>
    /// <param name="modeCount">r ≥ 1.</param>
    /// <param name="k">k ≥ 0.</param>
    /// <param name="misalignment">Δ ∈ (0, 1].</param>
    public static double InputGeometryCoveredModes(int modeCount, long k, double misalignment)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modeCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (!(misalignment > 0.0 && misalignment <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(misalignment), misalignment, "The misalignment Δ must lie in (0, 1].");
        }

        double step = misalignment / modeCount;
        double covered = step >= 1.0 ? (k > 0 ? 1.0 : 0.0) / step : -StableMath.ExpM1(k * StableMath.Log1P(-step)) / step;
        return Math.Min(covered, modeCount);
    }

    /// <summary>
    /// Computes L = ln(C(N − m, k)/C(N, k)), or −∞ when the ratio is 0 (k &gt; N − m) or underflows.
    /// </summary>
    internal static double LogMissProbability(long poolSize, long modeSize, long k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(poolSize, 1);
        if (modeSize < 1 || modeSize > poolSize)
        {
            throw new ArgumentOutOfRangeException(nameof(modeSize), modeSize, $"The mode size must lie in [1, N = {poolSize}].");
        }

        ThrowIfBadBudget(k, poolSize);
        if (k > poolSize - modeSize)
        {
            return double.NegativeInfinity;
        }

        long terms = Math.Min(modeSize, k);
        double numerator = Math.Max(modeSize, k);
        double sum = 0;
        double compensation = 0;
        for (long t = 0; t < terms; t++)
        {
            double term = StableMath.Log1P(-numerator / (poolSize - t));
            double next = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - next) + term : (term - next) + sum;
            sum = next;
            if (sum + compensation < LogUnderflow)
            {
                return double.NegativeInfinity;
            }
        }

        return sum + compensation;
    }

    internal static long PoolSize(int modeCount, long modeSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modeCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(modeSize, 1);
        if (modeSize > long.MaxValue / modeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(modeSize), modeSize, $"r = {modeCount} modes of {modeSize} points overflow the pool size.");
        }

        return modeCount * modeSize;
    }

    internal static long PoolSize(ReadOnlySpan<long> modeSizes)
    {
        if (modeSizes.IsEmpty)
        {
            throw new ArgumentException("At least one mode is needed.", nameof(modeSizes));
        }

        long poolSize = 0;
        for (int j = 0; j < modeSizes.Length; j++)
        {
            if (modeSizes[j] < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(modeSizes), modeSizes[j], $"Mode {j} has size {modeSizes[j]}; every mode needs at least one point.");
            }

            if (modeSizes[j] > long.MaxValue - poolSize)
            {
                throw new ArgumentOutOfRangeException(nameof(modeSizes), modeSizes[j], "The mode sizes overflow the pool size.");
            }

            poolSize += modeSizes[j];
        }

        return poolSize;
    }

    internal static void ThrowIfBadBudget(long k, long poolSize)
    {
        if (k < 0 || k > poolSize)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"The budget k must lie in [0, N = {poolSize}].");
        }
    }
}
