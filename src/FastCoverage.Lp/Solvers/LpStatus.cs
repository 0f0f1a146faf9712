namespace FastCoverage.Lp;

/// <summary>The outcome of a solve, with the numeric codes of COIN-OR CLP's <c>Clp_status</c>.</summary>
public enum LpStatus
{
    /// <summary>An optimal solution was found.</summary>
    Optimal = 0,

    /// <summary>The constraints admit no solution.</summary>
    PrimalInfeasible = 1,

    /// <summary>The objective is unbounded (the dual is infeasible).</summary>
    DualInfeasible = 2,

    /// <summary>The solver stopped on an iteration or time limit.</summary>
    Stopped = 3,

    /// <summary>The solver stopped because of numerical or other errors.</summary>
    Failed = 4,
}
