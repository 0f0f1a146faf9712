namespace FastCoverage.Lp;

/// <summary>Thrown when a solver ends without an optimal solution; carries the solver's status.</summary>
public sealed class LinearProgramSolveException : Exception
{
    /// <summary>Creates the exception for a solve that ended with <paramref name="status"/>.</summary>
    /// <param name="status">The solver's status.</param>
    /// <param name="secondaryStatus">The solver's secondary status code (CLP's <c>Clp_secondaryStatus</c>).</param>
    /// <param name="iterations">Iterations done before the solver stopped.</param>
    public LinearProgramSolveException(LpStatus status, int secondaryStatus, int iterations)
        : base($"The linear program was not solved: the solver ended with status {status} ({(int)status}), secondary status {secondaryStatus}, after {iterations} iterations.")
    {
        Status = status;
        SecondaryStatus = secondaryStatus;
        Iterations = iterations;
    }

    /// <summary>The solver's status.</summary>
    public LpStatus Status { get; }

    /// <summary>The solver's secondary status code.</summary>
    public int SecondaryStatus { get; }

    /// <summary>Iterations done before the solver stopped.</summary>
    public int Iterations { get; }
}
