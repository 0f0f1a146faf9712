namespace FastCoverage.Lp;

/// <summary>An optimal solution of a <see cref="LinearProgram"/>.</summary>
/// <param name="Columns">The value of every variable.</param>
/// <param name="Objective">The objective value cᵀx, in the program's own sense (maximized or minimized).</param>
/// <param name="Status">The solver's status; <see cref="LpStatus.Optimal"/> for a returned solution.</param>
/// <param name="Iterations">Simplex iterations the solve took.</param>
public sealed record LpSolution(double[] Columns, double Objective, LpStatus Status, int Iterations);
