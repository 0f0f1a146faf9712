using System.Collections.Concurrent;

namespace FastCoverage.Lp;

/// <summary>
/// The hyper-parameter search of the paper's §3.1: solve the CDVM program for every (κ, α) on a grid at one budget
/// S and keep the selection whose score (the caller's validation accuracy of a learner retrained on it) is highest.
/// Work is split into chains: each κ row's α values below ½ form one chain and those at or above ½ another, since ½
/// is where excess above the cap turns from worth more than its penalty to worth less and the optimum changes its
/// whole shape (on the medium benchmark instance a warm step from α = 0.5 to 0.3 took 2274 simplex iterations,
/// steps within a side 49–536). A chain walks its α values from the largest to the smallest; its first solve is
/// cold (method by <see cref="CdvmProgram.ColdMethod"/>), and the later ones warm-start from the previous α when
/// <c>warmStartAlongAlpha</c> is set (a changed objective keeps the basis primal feasible). Chains run on all cores,
/// heaviest first (ascending κ, the α &lt; ½ chain first: small κ and small α are where most caps bind). The chains
/// and their order of solves depend on the grid alone, so results never depend on the thread count.
/// </summary>
public static class CdvmGrid
{
    /// <summary>Solves every grid point and returns all results with their scores and the best one.</summary>
    /// <param name="attribution">T, n × m.</param>
    /// <param name="keep">The budget S ∈ [1, n].</param>
    /// <param name="alphas">The α values (each in [0, 1]); within a chain they are solved from the largest down (equal values in the given order).</param>
    /// <param name="kappas">The κ values (each finite, ≥ 0).</param>
    /// <param name="score">Scores a selection (ascending train indices), higher is better; called concurrently, so it must be thread-safe.</param>
    /// <param name="warmStartAlongAlpha">Warm-start consecutive α solves within a chain.</param>
    /// <param name="maxDegreeOfParallelism">Parallel chains; −1 uses every core.</param>
    /// <param name="solverFactory">Creates one solver per chain; null uses <see cref="ClpSolver"/>.</param>
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

        (int Row, int[] Columns)[] chains = Chains(alphas, kappas);
        var results = new CdvmResult[kappas.Count, alphas.Count];
        var scores = new double[kappas.Count, alphas.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.ForEach(Partitioner.Create(chains, EnumerablePartitionerOptions.NoBuffering), options, chain =>
        {
            ILinearProgramSolver? solver = solverFactory?.Invoke();
            try
            {
                using var program = new CdvmProgram(attribution, solver);
                for (int step = 0; step < chain.Columns.Length; step++)
                {
                    int column = chain.Columns[step];
                    CdvmResult result = program.Solve(keep, alphas[column], kappas[chain.Row], warmStart: warmStartAlongAlpha && step > 0);
                    results[chain.Row, column] = result;
                    scores[chain.Row, column] = score(result.Selected);
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

    /// <summary>
    /// The grid's chains in the order they are started: for each κ row (ascending κ, equal values in the given order)
    /// the α indices below ½, then those at or above ½, each walked from the largest α down (equal values in the given
    /// order); all α &lt; ½ chains come before all α ≥ ½ chains. Empty chains are left out.
    /// </summary>
    internal static (int Row, int[] Columns)[] Chains(IReadOnlyList<double> alphas, IReadOnlyList<double> kappas)
    {
        int[] walk = DescendingOrder(alphas);
        int[] lower = walk.Where(column => alphas[column] < 0.5).ToArray();
        int[] upper = walk.Where(column => alphas[column] >= 0.5).ToArray();
        int[] rows = Enumerable.Range(0, kappas.Count).ToArray();
        Array.Sort(rows, (a, b) => kappas[a] != kappas[b] ? kappas[a].CompareTo(kappas[b]) : a.CompareTo(b));
        var chains = new List<(int Row, int[] Columns)>(2 * kappas.Count);
        foreach (int[] side in new[] { lower, upper })
        {
            if (side.Length > 0)
            {
                chains.AddRange(rows.Select(row => (row, side)));
            }
        }

        return [.. chains];
    }

    /// <summary>The α indices from the largest α to the smallest; equal values keep their given order.</summary>
    internal static int[] DescendingOrder(IReadOnlyList<double> alphas)
    {
        int[] order = Enumerable.Range(0, alphas.Count).ToArray();
        Array.Sort(order, (a, b) => alphas[a] != alphas[b] ? alphas[b].CompareTo(alphas[a]) : a.CompareTo(b));
        return order;
    }
}
