namespace FastCoverage.Lp;

/// <summary>The solution of one relaxed CDVM program (paper §3, §3.1).</summary>
public sealed class CdvmResult
{
    internal CdvmResult(double[] weights, int[] selected, double[] slack, double objective, LpStatus status, int iterations,
        int keep, double alpha, double kappa)
    {
        Weights = weights;
        Selected = selected;
        Slack = slack;
        Objective = objective;
        Status = status;
        Iterations = iterations;
        Keep = keep;
        Alpha = alpha;
        Kappa = kappa;
    }

    /// <summary>
    /// The relaxed selection w ∈ [0, 1]ⁿ: the solver's values clipped to [0, 1] (they may stray by its
    /// tolerance), with any resulting change of Σw given back so that Σw = S holds to rounding.
    /// </summary>
    public double[] Weights { get; }

    /// <summary>The S selected train indices, in ascending order: the S largest w, ties broken by lowest index.</summary>
    public int[] Selected { get; }

    /// <summary>The slack t ∈ ℝᵐ (tⱼ = max(0, vⱼ − κ) at the optimum when α &lt; 1).</summary>
    public double[] Slack { get; }

    /// <summary>The optimal objective α Σⱼ vⱼ − (1 − α) Σⱼ tⱼ.</summary>
    public double Objective { get; }

    /// <summary>The solver's status (always <see cref="LpStatus.Optimal"/> for a returned result).</summary>
    public LpStatus Status { get; }

    /// <summary>Simplex iterations of the solve.</summary>
    public int Iterations { get; }

    /// <summary>The budget S.</summary>
    public int Keep { get; }

    /// <summary>The trade-off α.</summary>
    public double Alpha { get; }

    /// <summary>The per-test soft cap κ.</summary>
    public double Kappa { get; }
}
