namespace FastCoverage.Lp;

/// <summary>The simplex variant of a cold solve (one that starts from the slack basis, not a previous optimum).</summary>
public enum SimplexMethod
{
    /// <summary>The dual simplex: fastest when few constraints bind at the optimum.</summary>
    Dual,

    /// <summary>The primal simplex: fewer iterations when most constraints bind and the penalty dominates.</summary>
    Primal,
}
