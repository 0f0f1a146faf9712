using System.Diagnostics;
using FastCoverage.Lp;

namespace FastCoverage.Bench;

/// <summary>
/// Harness mode <c>profile-cdvm-grid [reps [S,α,κ …]]</c>: the 5 × 4 (κ, α) grid on the medium CDVM instance (S = 100), the
/// current <see cref="CdvmGrid"/> against the previous scheme (one warm chain per κ row across α = ½, cold solves
/// by the simplex only) in the same run, alternating, min-of-N wall and process CPU time; the hard point (or the
/// given points, then only those) solved cold by each method; then checks that both grids give the same selection at every point and the same best point.
/// </summary>
internal static class CdvmGridProfile
{
    private static readonly double[] Alphas = [0.1, 0.3, 0.5, 0.7, 0.9];
    private static readonly double[] Kappas = [0.25, 0.5, 1.0, 2.0];

    public static void Run(string[] args)
    {
        int reps = args.Length > 0 ? int.Parse(args[0]) : 5;
        CsrMatrix t = CdvmInstances.Clustered(1000, 500, 37_500, 10, 1);
        if (args.Length > 1)
        {
            foreach (string point in args[1..])
            {
                double[] p = point.Split(',').Select(double.Parse).ToArray();
                ColdMethods(t, reps, (int)p[0], p[1], p[2]);
            }

            return;
        }

        double[] rowSums = t.RowSums();
        double Score(int[] selected) => selected.Sum(i => rowSums[i]);
        var cases = new (string Name, Func<CdvmGridResult> Run)[]
        {
            ("previous warm", () => Previous(t, Score, warm: true)),
            ("current warm", () => CdvmGrid.Search(t, 100, Alphas, Kappas, Score)),
            ("previous cold", () => Previous(t, Score, warm: false)),
            ("current cold", () => CdvmGrid.Search(t, 100, Alphas, Kappas, Score, warmStartAlongAlpha: false)),
        };
        var wall = new double[cases.Length];
        var cpu = new double[cases.Length];
        Array.Fill(wall, double.MaxValue);
        Array.Fill(cpu, double.MaxValue);
        var results = new CdvmGridResult[cases.Length];
        for (int r = 0; r < reps; r++)
        {
            for (int c = 0; c < cases.Length; c++)
            {
                TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                results[c] = cases[c].Run();
                wall[c] = Math.Min(wall[c], watch.Elapsed.TotalMilliseconds);
                cpu[c] = Math.Min(cpu[c], (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds);
            }
        }

        for (int c = 0; c < cases.Length; c++)
        {
            int iterations = 0;
            foreach (CdvmResult result in results[c].Results)
            {
                iterations += result.Iterations;
            }

            Console.WriteLine($"{cases[c].Name,-14} min wall {wall[c],7:F1} ms  min cpu {cpu[c],7:F1} ms  iterations {iterations,6}  best (κ, α) = ({results[c].Best.Kappa}, {results[c].Best.Alpha})");
        }

        ColdMethods(t, reps, 100, 0.3, 0.25);
        for (int c = 1; c < cases.Length; c++)
        {
            int differing = 0;
            double objectiveGap = 0;
            for (int row = 0; row < Kappas.Length; row++)
            {
                for (int column = 0; column < Alphas.Length; column++)
                {
                    CdvmResult a = results[0].Results[row, column];
                    CdvmResult b = results[c].Results[row, column];
                    differing += a.Selected.SequenceEqual(b.Selected) ? 0 : 1;
                    objectiveGap = Math.Max(objectiveGap, Math.Abs(a.Objective - b.Objective));
                }
            }

            Console.WriteLine($"{cases[c].Name,-14} vs previous warm: {differing} of 20 selections differ, max |Δ objective| {objectiveGap:G3}, same best: {results[0].Best.Selected.SequenceEqual(results[c].Best.Selected)}");
        }
    }

    /// <summary>(S, α, κ) solved cold by each method, min-of-N process CPU time, and the method the rule picks.</summary>
    private static void ColdMethods(CsrMatrix t, int reps, int keep, double alpha, double kappa)
    {
        foreach (SimplexMethod method in Enum.GetValues<SimplexMethod>())
        {
            double best = double.MaxValue;
            CdvmResult? result = null;
            for (int r = 0; r < reps; r++)
            {
                using var program = new CdvmProgram(t);
                TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                result = program.Solve(keep, alpha, kappa, coldMethod: method);
                best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds);
            }

            using var rule = new CdvmProgram(t);
            string picked = rule.ColdMethod(keep, alpha, kappa) == method ? " (rule)" : "";
            Console.WriteLine($"cold ({keep}, {alpha}, {kappa}) {method,-8} min cpu {best,7:F1} ms  iterations {result!.Iterations,5}  objective {result.Objective:F9}{picked}");
        }
    }

    /// <summary>The grid as it was: one warm chain per κ row walking α downwards across ½, simplex cold solves.</summary>
    private static CdvmGridResult Previous(CsrMatrix t, Func<int[], double> score, bool warm)
    {
        int[] walk = CdvmGrid.DescendingOrder(Alphas);
        var results = new CdvmResult[Kappas.Length, Alphas.Length];
        var scores = new double[Kappas.Length, Alphas.Length];
        Parallel.For(0, Kappas.Length, row =>
        {
            using var program = new CdvmProgram(t);
            for (int step = 0; step < walk.Length; step++)
            {
                int column = walk[step];
                SimplexMethod method = program.ColdMethod(100, Alphas[column], Kappas[row]);
                results[row, column] = program.Solve(100, Alphas[column], Kappas[row], warm && step > 0,
                    method == SimplexMethod.Barrier ? SimplexMethod.Primal : method);
                scores[row, column] = score(results[row, column].Selected);
            }
        });

        (int bestRow, int bestColumn) = (0, 0);
        for (int row = 0; row < Kappas.Length; row++)
        {
            for (int column = 0; column < Alphas.Length; column++)
            {
                if (scores[row, column] > scores[bestRow, bestColumn])
                {
                    (bestRow, bestColumn) = (row, column);
                }
            }
        }

        return new CdvmGridResult(results, scores, results[bestRow, bestColumn], scores[bestRow, bestColumn]);
    }
}
