using CommunityToolkit.HighPerformance;

namespace FastCoverage.Theory;

/// <summary>
/// The latent-mode instance of the coverage view (coverage-view paper §3, Appendix B): a pool of N points split into
/// r modes P_j of sizes m_j, a block learner geometry in which one selected point of a mode drives its residual to 0,
/// and a cost ρ_j &gt; 0 per uncovered mode, so R(S) = Σ_{j : S ∩ P_j = ∅} ρ_j (eq. 3).
/// </summary>
/// <remarks>
/// The model carries the mode of every point, the mode sizes and the costs, so coalition utilities or selectors can
/// be built on it. Every query is exact; the values use the closed forms of Appendix C.
/// </remarks>
public sealed class LatentModeModel
{
    private readonly int[] modeOfPoint;
    private readonly int[] modeSizes;
    private readonly double[] costs;
    private readonly int[] firstPointOfMode;

    /// <summary>Builds the model from the mode of every point and the cost of every mode.</summary>
    /// <param name="modeOfPoint">the mode j ∈ [0, r) of each point; every mode must own at least one point.</param>
    /// <param name="costs">ρ_j &gt; 0 (finite) for each of the r modes.</param>
    public LatentModeModel(ReadOnlySpan<int> modeOfPoint, ReadOnlySpan<double> costs)
    {
        if (costs.IsEmpty)
        {
            throw new ArgumentException("At least one mode is needed.", nameof(costs));
        }

        for (int j = 0; j < costs.Length; j++)
        {
            if (!(costs[j] > 0 && double.IsFinite(costs[j])))
            {
                throw new ArgumentException($"costs holds {costs[j]} at index {j}; every mode cost ρ_j must be finite and positive.", nameof(costs));
            }
        }

        this.modeOfPoint = modeOfPoint.ToArray();
        this.costs = costs.ToArray();
        modeSizes = new int[costs.Length];
        firstPointOfMode = new int[costs.Length];
        Array.Fill(firstPointOfMode, -1);
        for (int i = 0; i < this.modeOfPoint.Length; i++)
        {
            int j = this.modeOfPoint[i];
            if ((uint)j >= (uint)costs.Length)
            {
                throw new ArgumentException($"modeOfPoint holds {j} at index {i}; modes must lie in [0, {costs.Length}).", nameof(modeOfPoint));
            }

            modeSizes[j]++;
            if (firstPointOfMode[j] < 0)
            {
                firstPointOfMode[j] = i;
            }
        }

        int empty = Array.IndexOf(modeSizes, 0);
        if (empty >= 0)
        {
            throw new ArgumentException($"Mode {empty} has no point; every mode needs at least one.", nameof(modeOfPoint));
        }
    }

    /// <summary>Modes of the given sizes laid out contiguously: points 0..m_0−1 form mode 0, and so on.</summary>
    /// <param name="modeSizes">m_j ≥ 1 for every mode.</param>
    /// <param name="costs">ρ_j &gt; 0 for every mode.</param>
    public static LatentModeModel FromModeSizes(ReadOnlySpan<int> modeSizes, ReadOnlySpan<double> costs)
    {
        if (modeSizes.Length != costs.Length)
        {
            throw new ArgumentException($"modeSizes has {modeSizes.Length} entries but costs has {costs.Length}.", nameof(costs));
        }

        var labels = new List<int>();
        for (int j = 0; j < modeSizes.Length; j++)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(modeSizes[j], 1, nameof(modeSizes));
            for (int t = 0; t < modeSizes[j]; t++)
            {
                labels.Add(j);
            }
        }

        return new LatentModeModel(labels.ToArray(), costs);
    }

    /// <summary>r equal modes of size m and a common cost ρ (the setting of Theorem 2).</summary>
    /// <param name="modeCount">r ≥ 1.</param>
    /// <param name="modeSize">m ≥ 1.</param>
    /// <param name="cost">ρ &gt; 0.</param>
    public static LatentModeModel Equal(int modeCount, int modeSize, double cost)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modeCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(modeSize, 1);
        var sizes = new int[modeCount];
        var costs = new double[modeCount];
        Array.Fill(sizes, modeSize);
        Array.Fill(costs, cost);
        return FromModeSizes(sizes, costs);
    }

    /// <summary>N, the number of points.</summary>
    public int PointCount => modeOfPoint.Length;

    /// <summary>r, the number of modes.</summary>
    public int ModeCount => costs.Length;

    /// <summary>The mode of every point.</summary>
    public ReadOnlySpan<int> ModeOfPoint => modeOfPoint;

    /// <summary>The size m_j of every mode.</summary>
    public ReadOnlySpan<int> ModeSizes => modeSizes;

    /// <summary>The cost ρ_j of every mode.</summary>
    public ReadOnlySpan<double> Costs => costs;

    /// <summary>The number of modes with at least one selected point.</summary>
    /// <param name="selected">point indices (duplicates allowed).</param>
    public int CoveredModeCount(ReadOnlySpan<int> selected)
    {
        bool[] covered = CoveredModes(selected);
        return covered.Count(c => c);
    }

    /// <summary>R(S) = Σ_{j : S ∩ P_j = ∅} ρ_j (eq. 3).</summary>
    /// <param name="selected">the selected set S as point indices.</param>
    public double Risk(ReadOnlySpan<int> selected)
    {
        bool[] covered = CoveredModes(selected);
        double risk = 0;
        for (int j = 0; j < costs.Length; j++)
        {
            risk += covered[j] ? 0.0 : costs[j];
        }

        return risk;
    }

    /// <summary>The marginal g_i(S) = R(S) − R(S ∪ {i}) = ρ_j·1[S ∩ P_j = ∅] for i ∈ P_j (Lemma 1).</summary>
    /// <param name="point">the point i.</param>
    /// <param name="context">the context S.</param>
    public double Marginal(int point, ReadOnlySpan<int> context)
    {
        int mode = ModeOf(point);
        foreach (int s in context)
        {
            if (ModeOf(s) == mode)
            {
                return 0.0;
            }
        }

        return costs[mode];
    }

    /// <summary>
    /// The interaction Int_i = max_{S∌i} g_i(S) − min_{S∌i} g_i(S) (§2; Lemma 1): ρ_j when mode j has another point
    /// (S = ∅ gives ρ_j, a context holding another mode-j point gives 0); 0 for a singleton mode, whose marginal is ρ_j
    /// in every context S ∌ i.
    /// </summary>
    /// <param name="point">the point i.</param>
    public double Interaction(int point)
    {
        int mode = ModeOf(point);
        return modeSizes[mode] >= 2 ? costs[mode] : 0.0;
    }

    /// <summary>
    /// Leave-one-out value g_i(P \ {i}) (Appendix C): 0 when the point's mode has m_j ≥ 2 points, ρ_j for a singleton mode.
    /// </summary>
    /// <param name="point">the point i.</param>
    public double LeaveOneOut(int point)
    {
        int mode = ModeOf(point);
        return modeSizes[mode] == 1 ? costs[mode] : 0.0;
    }

    /// <summary>The Data Shapley value ρ_j / m_j of a point of mode j (Appendix C).</summary>
    /// <param name="point">the point i.</param>
    public double Shapley(int point)
    {
        int mode = ModeOf(point);
        return costs[mode] / modeSizes[mode];
    }

    /// <summary>The leave-one-out value of every point.</summary>
    public double[] LeaveOneOutValues() => Enumerable.Range(0, PointCount).Select(LeaveOneOut).ToArray();

    /// <summary>The Shapley value ρ_j / m_j of every point.</summary>
    public double[] ShapleyValues() => Enumerable.Range(0, PointCount).Select(Shapley).ToArray();

    /// <summary>
    /// Greedy coverage (greedy on the marginal of Lemma 1, ties by lowest index): it covers a fresh mode at every step,
    /// highest ρ_j first, so it covers min(k, r) modes (Theorem 2, Appendix D); once every mode is covered all gains are
    /// 0 and it takes the lowest unselected indices.
    /// </summary>
    /// <param name="k">the budget, 0 ≤ k ≤ N.</param>
    /// <returns>the selected points in selection order.</returns>
    public int[] GreedyCoverage(int k)
    {
        if (k < 0 || k > PointCount)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"The budget k must lie in [0, N = {PointCount}].");
        }

        int[] modes = Enumerable.Range(0, ModeCount).ToArray();
        Array.Sort(modes, (a, b) => costs[b].CompareTo(costs[a]) is var c && c != 0 ? c : firstPointOfMode[a].CompareTo(firstPointOfMode[b]));
        var selected = new List<int>(k);
        var taken = new bool[PointCount];
        for (int q = 0; q < modes.Length && selected.Count < k; q++)
        {
            int point = firstPointOfMode[modes[q]];
            selected.Add(point);
            taken[point] = true;
        }

        for (int i = 0; i < PointCount && selected.Count < k; i++)
        {
            if (!taken[i])
            {
                selected.Add(i);
            }
        }

        return selected.ToArray();
    }

    /// <summary>
    /// Features with the block learner geometry of the model: point i of mode j is u_j + noise·ξ_i, with u_1..u_r random
    /// orthonormal directions in ℝ^D and ξ_i a standard Gaussian vector scaled by 1/√D, so the linear or cosine Gram is
    /// ≈ 1 within a mode and ≈ 0 across modes. Row i is point i (use <see cref="ModeOfPoint"/> as its label).
    /// </summary>
    /// <param name="dimension">D ≥ r.</param>
    /// <param name="noise">the within-mode noise scale (finite, ≥ 0).</param>
    /// <param name="seed">the random seed; the same seed gives the same matrix.</param>
    public Memory2D<float> GenerateFeatures(int dimension, float noise, int seed)
    {
        if (dimension < ModeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"The dimension must be at least the number of modes r = {ModeCount}.");
        }

        if (!(noise >= 0 && float.IsFinite(noise)))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise scale must be finite and non-negative.");
        }

        var random = new Random(seed);
        double[,] directions = RandomDirections.Orthonormal(ModeCount, dimension, random);
        var features = new float[PointCount, dimension];
        double scale = noise / Math.Sqrt(dimension);
        for (int i = 0; i < PointCount; i++)
        {
            int j = modeOfPoint[i];
            for (int c = 0; c < dimension; c++)
            {
                features[i, c] = (float)(directions[j, c] + (scale * RandomDirections.Gaussian(random)));
            }
        }

        return features;
    }

    private int ModeOf(int point)
    {
        if ((uint)point >= (uint)modeOfPoint.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(point), point, $"Points are indexed 0..{modeOfPoint.Length - 1}.");
        }

        return modeOfPoint[point];
    }

    private bool[] CoveredModes(ReadOnlySpan<int> selected)
    {
        var covered = new bool[ModeCount];
        foreach (int s in selected)
        {
            covered[ModeOf(s)] = true;
        }

        return covered;
    }
}
