namespace FastCoverage.Selection;

/// <summary>Options of a facility-location selection (all optional).</summary>
public sealed record FacilityLocationOptions
{
    /// <summary>The optimizer; lazy greedy by default.</summary>
    public FacilityLocationOptimizer Optimizer { get; init; } = FacilityLocationOptimizer.Lazy;

    /// <summary>ε ∈ (0, 1) of stochastic greedy: each step samples ⌈(n/k)·ln(1/ε)⌉ candidates.</summary>
    public double Epsilon { get; init; } = 0.01;

    /// <summary>The seed of stochastic greedy's sampling.</summary>
    public int Seed { get; init; }

    /// <summary>A warm start: candidates already selected; they cover from the start and are never picked again.</summary>
    public IReadOnlyList<int>? InitialSubset { get; init; }

    /// <summary>Stop before k picks once the best remaining gain is zero.</summary>
    public bool StopAtZeroGain { get; init; }

    /// <summary>
    /// The cost of each candidate (finite, &gt; 0); with <see cref="Budget"/> this turns on cost-benefit greedy
    /// (naive or lazy): pick the largest gain/cost among candidates that still fit, then return the better of that
    /// selection and the best single affordable candidate, which guarantees (1 − 1/e)/2 of the budgeted optimum.
    /// </summary>
    public IReadOnlyList<double>? Costs { get; init; }

    /// <summary>The total cost the selection may spend (finite, &gt; 0); required with <see cref="Costs"/>.</summary>
    public double? Budget { get; init; }

    /// <summary>Threads to use; -1 for all cores. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Called with the completed fraction in [0, 1] after each pick.</summary>
    public Action<double>? Progress { get; init; }
}
