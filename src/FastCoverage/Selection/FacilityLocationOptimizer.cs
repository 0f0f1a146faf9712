namespace FastCoverage.Selection;

/// <summary>How facility location is maximized.</summary>
public enum FacilityLocationOptimizer
{
    /// <summary>
    /// Lazy greedy (Minoux 1978): a priority queue of stale upper bounds on the gains, re-evaluated only when they
    /// reach the top. Picks exactly what <see cref="Naive"/> picks, usually with far fewer gain evaluations.
    /// </summary>
    Lazy,

    /// <summary>Naive greedy: every remaining candidate's gain is evaluated at every step (Nemhauser et al. 1978).</summary>
    Naive,

    /// <summary>
    /// Stochastic greedy (Mirzasoleiman et al. 2015): each step evaluates a seeded uniform sample of
    /// ⌈(n/k)·ln(1/ε)⌉ remaining candidates; (1 − 1/e − ε)-optimal in expectation.
    /// </summary>
    Stochastic,
}
