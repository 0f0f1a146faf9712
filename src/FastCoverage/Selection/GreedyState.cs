namespace FastCoverage.Selection;

/// <summary>
/// The state every greedy optimizer shares: the coverage vector curᵢ = max_{j∈S} sᵢⱼ, which candidates are already
/// in S, the remaining budget, and the selection recorded so far (indices, gains, F after each pick).
/// </summary>
internal sealed class GreedyState
{
    private readonly List<int> indices = [];
    private readonly List<double> gains = [];
    private readonly List<double> objectives = [];
    private readonly double[]? costs;
    private readonly Action<double>? progress;
    private readonly int target;
    private double objective;

    public GreedyState(ISimilaritySource source, int k, IReadOnlyList<int>? initialSubset, double[]? costs, double budget, Action<double>? progress, int maxDegreeOfParallelism)
    {
        Source = source;
        target = k;
        this.costs = costs;
        RemainingBudget = budget;
        this.progress = progress;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        Coverage = new float[source.RepresentedCount];
        InSelection = new bool[source.CandidateCount];
        foreach (int j in initialSubset ?? [])
        {
            InSelection[j] = true;
            source.Cover(j, Coverage);
        }

        for (int i = 0; i < Coverage.Length; i++)
        {
            objective += Coverage[i];
        }

        InitialObjective = objective;
    }

    public ISimilaritySource Source { get; }

    public int MaxDegreeOfParallelism { get; }

    /// <summary>curᵢ = max_{j∈S} sᵢⱼ (0 for the empty set, as s ≥ 0).</summary>
    public float[] Coverage { get; }

    /// <summary>Whether each candidate is in S (the initial subset or a pick).</summary>
    public bool[] InSelection { get; }

    public double RemainingBudget { get; private set; }

    public double InitialObjective { get; }

    public bool IsCostAware => costs is not null;

    public bool Done => indices.Count >= target;

    /// <summary>The candidates not yet in S, ascending.</summary>
    public int[] RemainingCandidates()
    {
        var remaining = new List<int>(InSelection.Length);
        for (int j = 0; j < InSelection.Length; j++)
        {
            if (!InSelection[j])
            {
                remaining.Add(j);
            }
        }

        return [.. remaining];
    }

    /// <summary>Whether candidate j's cost fits in the remaining budget (always, without costs).</summary>
    public bool Fits(int candidate) => costs is null || costs[candidate] <= RemainingBudget;

    /// <summary>What greedy maximizes: the gain, or gain/cost for cost-benefit greedy.</summary>
    public double Score(int candidate, float gain) => costs is null ? gain : gain / costs[candidate];

    /// <summary>Adds candidate j with its (already evaluated) gain to S.</summary>
    public void Add(int candidate, float gain)
    {
        Source.Cover(candidate, Coverage);
        InSelection[candidate] = true;
        objective += gain;
        indices.Add(candidate);
        gains.Add(gain);
        objectives.Add(objective);
        if (costs is not null)
        {
            RemainingBudget -= costs[candidate];
        }

        progress?.Invoke(target == 0 ? 1.0 : (double)indices.Count / target);
    }

    public FacilityLocationResult ToResult() => new([.. indices], [.. gains], [.. objectives], InitialObjective);
}
