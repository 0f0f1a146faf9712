namespace FastCoverage.Lp;

/// <summary>
/// A linear-program solver holding one loaded program, so that a changed objective or changed row bounds can be
/// re-solved from the previous optimal basis (a warm start). <see cref="ClpSolver"/> is the implementation shipped.
/// </summary>
/// <remarks>An instance is not thread-safe; use one instance per thread for parallel solves.</remarks>
public interface ILinearProgramSolver : IDisposable
{
    /// <summary>Loads <paramref name="program"/>, replacing any program and basis held before.</summary>
    void Load(LinearProgram program);

    /// <summary>Replaces the objective coefficients of the loaded program.</summary>
    void SetObjective(ReadOnlySpan<double> objective);

    /// <summary>Replaces the row bounds of the loaded program.</summary>
    void SetRowBounds(ReadOnlySpan<double> rowLower, ReadOnlySpan<double> rowUpper);

    /// <summary>
    /// Solves the loaded program: cold after <see cref="Load"/>, warm-started from the previous basis when
    /// <paramref name="warmStart"/> is true and a previous solve exists.
    /// </summary>
    /// <param name="warmStart">Start from the previous basis when one exists.</param>
    /// <param name="coldMethod">The method of a cold solve; a warm solve picks its own simplex variant by what changed.</param>
    /// <exception cref="LinearProgramSolveException">The solve ended without an optimal solution.</exception>
    LpSolution Solve(bool warmStart = false, SimplexMethod coldMethod = SimplexMethod.Dual);
}
