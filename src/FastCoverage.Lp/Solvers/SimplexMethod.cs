namespace FastCoverage.Lp;

/// <summary>
/// The method of a cold solve (one that starts from no previous optimum): a simplex variant from the slack basis, or
/// an interior-point solve whose point the primal simplex then turns into an optimal basis. Every method ends at an
/// optimal basic solution, so a later solve can warm-start from it.
/// </summary>
public enum SimplexMethod
{
    /// <summary>The dual simplex: fastest when few constraints bind at the optimum.</summary>
    Dual,

    /// <summary>The primal simplex: fewer iterations when most constraints bind and the penalty dominates.</summary>
    Primal,

    /// <summary>
    /// An interior-point (barrier) solve, then a crossover: variables at their bounds in the interior solution become
    /// nonbasic, the others basic, and the primal simplex finishes from that basis. Its cost is predictable (a few
    /// dozen factorizations of the normal equations) where the simplex's can explode: the choice for programs with a
    /// few hundred rows whose optimum is highly fractional. A solver without an interior-point method may treat it as
    /// <see cref="Primal"/>.
    /// </summary>
    Barrier,
}
