namespace FastCoverage.Lp;

/// <summary>
/// The hyper-parameter search of the paper's §3.1: solve the CDVM program for every (κ, α) on a grid at one budget
/// S and keep the selection whose score (the caller's validation accuracy of a learner retrained on it) is highest.
/// Work is split by κ: each κ row gets its own solver (so both cores solve in parallel) and walks the α values from
/// the largest to the smallest, warm-starting each solve from the previous one when <c>warmStartAlongAlpha</c> is
/// set — a changed objective keeps the basis primal feasible, which is where a warm start pays off. Descending α
/// is the measured cheaper direction: at large α the penalty on excess is light and the cold solve is easy, and
/// each step down adds penalty to a nearby basis (on the medium benchmark instance 3953 instead of 6177 simplex
/// iterations for the 5 × 4 grid, about half the wall time; see docs/cdvm.md). The walking order is fixed by the
/// α values alone, so results depend only on the grid, never on the thread count.
/// </summary>
public static class CdvmGrid
{
    /// <summary>Solves every grid point and returns all results with their scores and the best one.</summary>
    /// <param name="attribution">T, n × m.</param>
    /// <param name="keep">The budget S ∈ [1, n].</param>
    /// <param name="alphas">The α values (each in [0, 1]); within a κ row they are solved from the largest down (equal values in the given order).</param>
    /// <param name="kappas">The κ values (each finite, ≥ 0).</param>
    /// <param name="score">Scores a selection (ascending train indices), higher is better; called concurrently, so it must be thread-safe.</param>
    /// <param name="warmStartAlongAlpha">Warm-start consecutive α solves within a κ row.</param>
    /// <param name="maxDegreeOfParallelism">Parallel κ rows; −1 uses every core.</param>
    /// <param name="solverFactory">Creates one solver per κ row; null uses <see cref="ClpSolver"/>.</param>
    /// <returns>The grid's results; ties in score go to the first point in (κ, α) order.</returns>
    /// <exception cref="ArgumentException">A grid is empty or holds an out-of-range value, or <paramref name="keep"/> is outside [1, n].</exception>
    public static CdvmGridResult Search(CsrMatrix attribution, int keep, IReadOnlyList<double> alphas, IReadOnlyList<double> kappas,
        Func<int[], double> score, bool warmStartAlongAlpha = true, int maxDegreeOfParallelism = -1,
        Func<ILinearProgramSolver>? solverFactory = null)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentNullException.ThrowIfNull(kappas);
        ArgumentNullException.ThrowIfNull(score);
        if (alphas.Count == 0)
        {
            throw new ArgumentException("alphas must hold at least one value.", nameof(alphas));
        }

        if (kappas.Count == 0)
        {
            throw new ArgumentException("kappas must hold at least one value.", nameof(kappas));
        }

        // Validate every point up front so that a bad value fails before any solve.
        foreach (double kappa in kappas)
        {
            foreach (double alpha in alphas)
            {
                CdvmProgram.Validate(attribution.RowCount, keep, alpha, kappa);
            }
        }

        int[] walk = DescendingOrder(alphas);
        var results = new CdvmResult[kappas.Count, alphas.Count];
        var scores = new double[kappas.Count, alphas.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, kappas.Count, options, row =>
        {
            ILinearProgramSolver? solver = solverFactory?.Invoke();
            try
            {
                using var program = new CdvmProgram(attribution, solver);
                for (int step = 0; step < walk.Length; step++)
                {
                    int column = walk[step];
                    CdvmResult result = program.Solve(keep, alphas[column], kappas[row], warmStart: warmStartAlongAlpha && step > 0);
                    results[row, column] = result;
                    scores[row, column] = score(result.Selected);
                }
            }
            finally
            {
                solver?.Dispose();
            }
        });

        int bestRow = 0;
        int bestColumn = 0;
        for (int row = 0; row < kappas.Count; row++)
        {
            for (int column = 0; column < alphas.Count; column++)
            {
                if (scores[row, column] > scores[bestRow, bestColumn])
                {
                    bestRow = row;
                    bestColumn = column;
                }
            }
        }

        return new CdvmGridResult(results, scores, results[bestRow, bestColumn], scores[bestRow, bestColumn]);
    }

    /// <summary>The α indices from the largest α to the smallest; equal values keep their given order.</summary>
    internal static int[] DescendingOrder(IReadOnlyList<double> alphas)
    {
        int[] order = Enumerable.Range(0, alphas.Count).ToArray();
        Array.Sort(order, (a, b) => alphas[a] != alphas[b] ? alphas[b].CompareTo(alphas[a]) : a.CompareTo(b));
        return order;
    }
}
