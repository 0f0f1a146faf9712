using System.Diagnostics;
using System.Runtime.InteropServices;
using FastCoverage.Lp;
using FastCoverage.Lp.Clp;

namespace FastCoverage.Bench;

/// <summary>Harness mode <c>probe-cdvm</c>: times CLP algorithm options on single CDVM solves (throwaway probe).</summary>
internal static class CdvmProbe
{
    public static void Run(string[] args)
    {
        CsrMatrix medium = CdvmInstances.Clustered(1000, 500, 37_500, 10, 1);
        if (args.Length > 0 && args[0] == "chain")
        {
            Chain(Environment.GetEnvironmentVariable("LARGE") is null ? medium : CdvmInstances.Clustered(10_000, 2000, 400_000, 20, 3), args[1..]);
            return;
        }

        double alpha = args.Length > 0 ? double.Parse(args[0]) : 0.3;
        double kappa = args.Length > 1 ? double.Parse(args[1]) : 0.25;
        int reps = args.Length > 2 ? int.Parse(args[2]) : 3;
        string filter = args.Length > 3 ? args[3] : "";
        var configs = new (string Name, Action<ClpModelHandle> Run)[]
        {
            ("dual", m => ClpNative.Clp_dual(m, 0)),
            ("primal", m => ClpNative.Clp_primal(m, 0)),
            ("barrier", m => ClpNative.Clp_initialBarrierSolve(m)),
            ("initialSolve", m => ClpNative.Clp_initialSolve(m)),
            ("sprint", m => WithOptions(m, 2, 1, o => { })),
            ("primal-idiot", m => WithOptions(m, 1, 1, o => ClpNative.ClpSolve_setSpecialOption(o, 1, 2, -1))),
            ("primal-crash", m => WithOptions(m, 1, 1, o => ClpNative.ClpSolve_setSpecialOption(o, 1, 1, -1))),
            ("primal-slack", m => WithOptions(m, 1, 1, o => ClpNative.ClpSolve_setSpecialOption(o, 1, 4, -1))),
            ("primal-init", m => WithOptions(m, 1, 1, o => ClpNative.ClpSolve_setSpecialOption(o, 1, 0, -1))),
            ("dual-crash", m => WithOptions(m, 0, 1, o => ClpNative.ClpSolve_setSpecialOption(o, 0, 1, -1))),
            ("dual-idiot", m => WithOptions(m, 0, 1, o => ClpNative.ClpSolve_setSpecialOption(o, 0, 2, -1))),
            ("idiot+primal", m => { ClpNative.Clp_idiot(m, 0); ClpNative.Clp_primal(m, 1); }),
            ("idiot5+primal", m => { ClpNative.Clp_idiot(m, 5); ClpNative.Clp_primal(m, 0); }),
            ("crash+dual", m => { ClpNative.Clp_crash(m, 1000, 1); ClpNative.Clp_dual(m, 0); }),
            ("crash+primal", m => { ClpNative.Clp_crash(m, 1000, 1); ClpNative.Clp_primal(m, 0); }),
            ("crash2+primal", m => { ClpNative.Clp_crash(m, 1000, 2); ClpNative.Clp_primal(m, 0); }),
            ("pert50-primal", m => { ClpNative.Clp_setPerturbation(m, 50); ClpNative.Clp_primal(m, 0); }),
            ("pert102-primal", m => { ClpNative.Clp_setPerturbation(m, 102); ClpNative.Clp_primal(m, 0); }),
            ("pert102-dual", m => { ClpNative.Clp_setPerturbation(m, 102); ClpNative.Clp_dual(m, 0); }),
            ("barrier-kkt", m => WithOptions(m, 3, 1, o => ClpNative.ClpSolve_setSpecialOption(o, 4, 32, -1))),
            ("barrier-dense", m => WithOptions(m, 3, 1, o => ClpNative.ClpSolve_setSpecialOption(o, 4, 0, -1))),
            ("barrier-amd", m => WithOptions(m, 3, 1, o => ClpNative.ClpSolve_setSpecialOption(o, 4, 4, -1))),
            ("barrier-nocross", m => ClpNative.Clp_initialBarrierNoCrossSolve(m)),
        };
        Console.WriteLine($"S=100 alpha={alpha} kappa={kappa}");
        foreach (var (name, run) in configs)
        {
            if (filter.Length > 0 && !filter.Split(',').Contains(name))
            {
                continue;
            }

            double best = double.MaxValue;
            LpSolution? last = null;
            for (int r = 0; r < reps; r++)
            {
                using var solver = new ProbeSolver(run);
                using var program = new CdvmProgram(medium, solver);
                var watch = Stopwatch.StartNew();
                CdvmResult result = program.Solve(100, alpha, kappa);
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                last = new LpSolution(result.Weights, result.Objective, result.Status, result.Iterations);
            }

            Console.WriteLine($"{name,-16} {best,9:F1} ms  iters {last!.Iterations,6}  obj {last.Objective:F9}");
        }
    }

    /// <summary>chain KAPPA REPS a1:m1 a2:m2 ... with m = p (primal), d (dual), b (barrier), B (barrier no crossover); first is cold.</summary>
    private static void Chain(CsrMatrix t, string[] args)
    {
        double kappa = double.Parse(args[0]);
        int reps = int.Parse(args[1]);
        var steps = args[2..].Select(a => (Alpha: double.Parse(a.Split(':')[0]), Method: a.Split(':')[1])).ToArray();
        var best = new double[steps.Length];
        Array.Fill(best, double.MaxValue);
        var iters = new int[steps.Length];
        var objs = new double[steps.Length];
        for (int r = 0; r < reps; r++)
        {
            var solver = new ChainSolver();
            using var program = new CdvmProgram(t, solver);
            for (int s = 0; s < steps.Length; s++)
            {
                solver.Method = steps[s].Method;
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                CdvmResult result = program.Solve(Environment.GetEnvironmentVariable("KEEP") is { } k ? int.Parse(k) : 100, steps[s].Alpha, kappa, warmStart: s > 0);
                best[s] = Math.Min(best[s], (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                iters[s] = result.Iterations;
                objs[s] = result.Objective;
            }

            solver.Dispose();
        }

        for (int s = 0; s < steps.Length; s++)
        {
            Console.WriteLine($"alpha {steps[s].Alpha,5} {steps[s].Method}  {best[s],8:F1} ms cpu  iters {iters[s],6}  obj {objs[s]:F9}");
        }

        Console.WriteLine($"total {best.Sum():F1} ms cpu, {iters.Sum()} iterations");
    }

    private sealed class ChainSolver : ILinearProgramSolver
    {
        private ClpModelHandle? _model;
        private LinearProgram? _p;

        public string Method { get; set; } = "d";

        public unsafe void Load(LinearProgram p)
        {
            _p = p;
            _model = ClpNative.Clp_newModel();
            ClpNative.Clp_setLogLevel(_model, Environment.GetEnvironmentVariable("CLPLOG") is { } l ? int.Parse(l) : 0);
            fixed (int* starts = p.ColumnStarts)
            fixed (int* rows = p.RowIndices)
            fixed (double* values = p.Values)
            fixed (double* cl = p.ColumnLower)
            fixed (double* cu = p.ColumnUpper)
            fixed (double* o = p.Objective)
            fixed (double* rl = p.RowLower)
            fixed (double* ru = p.RowUpper)
            {
                ClpNative.Clp_loadProblem(_model, p.ColumnCount, p.RowCount, starts, rows, values, cl, cu, o, rl, ru);
            }

            ClpNative.Clp_setOptimizationDirection(_model, p.Maximize ? -1.0 : 1.0);
            ClpNative.Clp_scaling(_model, 0);
        }

        public unsafe void SetObjective(ReadOnlySpan<double> objective)
        {
            fixed (double* o = objective)
            {
                ClpNative.Clp_chgObjCoefficients(_model!, o);
            }
        }

        public unsafe void SetRowBounds(ReadOnlySpan<double> rowLower, ReadOnlySpan<double> rowUpper)
        {
            fixed (double* lo = rowLower)
            fixed (double* up = rowUpper)
            {
                ClpNative.Clp_chgRowLower(_model!, lo);
                ClpNative.Clp_chgRowUpper(_model!, up);
            }
        }

        public LpSolution Solve(bool warmStart = false, SimplexMethod coldMethod = SimplexMethod.Dual)
        {
            if (Method.Length > 1 && (Method[0] == 'N' || Method[0] == 'C'))
            {
                int v = int.Parse(Method[1..]);
                WithOptions(_model!, 4, 1, o => { if (v >= 0) { ClpNative.ClpSolve_setSpecialOption(o, 4, v, -1); } });
                if (Method[0] == 'C')
                {
                    SetStatus(1e-6);
                    ClpNative.Clp_primal(_model!, 0);
                }
            }

            switch (Method)
            {
                case "p": ClpNative.Clp_primal(_model!, 0); break;
                case "d": ClpNative.Clp_dual(_model!, 0); break;
                case "b": ClpNative.Clp_initialBarrierSolve(_model!); break;
                case "B": ClpNative.Clp_initialBarrierNoCrossSolve(_model!); break;
                case "s": ClpNative.Clp_initialSolve(_model!); break;
                case "Y": ClpNative.Clp_initialBarrierNoCrossSolve(_model!); ClpNative.Clp_primal(_model!, 1); break;
                case "Z": ClpNative.Clp_initialBarrierNoCrossSolve(_model!); ClpNative.Clp_primal(_model!, 0); break;
                case "X": ClpNative.Clp_initialBarrierNoCrossSolve(_model!); SetStatus(1e-6); ClpNative.Clp_primal(_model!, 0); break;
                case "W": ClpNative.Clp_initialBarrierNoCrossSolve(_model!); SetStatus(1e-4); ClpNative.Clp_primal(_model!, 0); break;
            }

            var columns = new double[_p!.ColumnCount];
            Marshal.Copy(ClpNative.Clp_getColSolution(_model!), columns, 0, columns.Length);
            double objective = 0;
            for (int c = 0; c < columns.Length; c++)
            {
                objective += _p.Objective[c] * columns[c];
            }

            return new LpSolution(columns, objective, (LpStatus)ClpNative.Clp_status(_model!), ClpNative.Clp_numberIterations(_model!));
        }

        public void Dispose() => _model?.Dispose();

        private void SetStatus(double tol)
        {
            LinearProgram p = _p!;
            int n = p.ColumnCount;
            int rowsN = p.RowCount;
            var x = new double[n];
            Marshal.Copy(ClpNative.Clp_getColSolution(_model!), x, 0, n);
            var act = new double[rowsN];
            Marshal.Copy(ClpNative.Clp_getRowActivity(_model!), act, 0, rowsN);
            var cl = new double[n];
            var cu = new double[n];
            Marshal.Copy(ClpNative.Clp_getColLower(_model!), cl, 0, n);
            Marshal.Copy(ClpNative.Clp_getColUpper(_model!), cu, 0, n);
            var rl = new double[rowsN];
            var ru = new double[rowsN];
            Marshal.Copy(ClpNative.Clp_getRowLower(_model!), rl, 0, rowsN);
            Marshal.Copy(ClpNative.Clp_getRowUpper(_model!), ru, 0, rowsN);
            int basic = 0;
            for (int c = 0; c < n; c++)
            {
                int st;
                if (x[c] <= cl[c] + tol) { st = 3; x[c] = cl[c]; }
                else if (x[c] >= cu[c] - tol) { st = 2; x[c] = cu[c]; }
                else { st = 1; basic++; }
                ClpNative.Clp_setColumnStatus(_model!, c, st);
            }

            for (int r = 0; r < rowsN; r++)
            {
                int st;
                if (rl[r] == ru[r]) { st = 5; }
                else if (act[r] >= ru[r] - tol) { st = 2; }
                else if (act[r] <= rl[r] + tol) { st = 3; }
                else { st = 1; basic++; }
                ClpNative.Clp_setRowStatus(_model!, r, st);
            }

            if (Environment.GetEnvironmentVariable("CLPLOG") is not null)
            {
                Console.WriteLine($"basic {basic} of {rowsN}");
            }

            unsafe
            {
                fixed (double* px = x)
                {
                    ClpNative.Clp_setColSolution(_model!, px);
                }
            }
        }
    }

    private static void WithOptions(ClpModelHandle model, int method, int presolve, Action<IntPtr> configure)
    {
        IntPtr options = ClpNative.ClpSolve_new();
        ClpNative.ClpSolve_setSolveType(options, method, -1);
        ClpNative.ClpSolve_setPresolveType(options, presolve, -1);
        configure(options);
        ClpNative.Clp_initialSolveWithOptions(model, options);
        ClpNative.ClpSolve_delete(options);
    }

    /// <summary>Loads unscaled like ClpSolver and runs a given algorithm on each (cold) solve.</summary>
    private sealed class ProbeSolver(Action<ClpModelHandle> algorithm) : ILinearProgramSolver
    {
        private ClpModelHandle? _model;
        private LinearProgram? _program;

        public void Load(LinearProgram program) => _program = program;

        public void SetObjective(ReadOnlySpan<double> objective) => throw new NotSupportedException();

        public void SetRowBounds(ReadOnlySpan<double> rowLower, ReadOnlySpan<double> rowUpper) => throw new NotSupportedException();

        public unsafe LpSolution Solve(bool warmStart = false, SimplexMethod coldMethod = SimplexMethod.Dual)
        {
            LinearProgram p = _program!;
            _model = ClpNative.Clp_newModel();
            ClpNative.Clp_setLogLevel(_model, Environment.GetEnvironmentVariable("CLPLOG") is { } l ? int.Parse(l) : 0);
            fixed (int* starts = p.ColumnStarts)
            fixed (int* rows = p.RowIndices)
            fixed (double* values = p.Values)
            fixed (double* cl = p.ColumnLower)
            fixed (double* cu = p.ColumnUpper)
            fixed (double* o = p.Objective)
            fixed (double* rl = p.RowLower)
            fixed (double* ru = p.RowUpper)
            {
                ClpNative.Clp_loadProblem(_model, p.ColumnCount, p.RowCount, starts, rows, values, cl, cu, o, rl, ru);
            }

            ClpNative.Clp_setOptimizationDirection(_model, p.Maximize ? -1.0 : 1.0);
            ClpNative.Clp_scaling(_model, 0);
            algorithm(_model);
            var columns = new double[p.ColumnCount];
            Marshal.Copy(ClpNative.Clp_getColSolution(_model), columns, 0, columns.Length);
            double objective = 0;
            for (int c = 0; c < columns.Length; c++)
            {
                objective += p.Objective[c] * columns[c];
            }

            return new LpSolution(columns, objective, (LpStatus)ClpNative.Clp_status(_model), ClpNative.Clp_numberIterations(_model));
        }

        public void Dispose() => _model?.Dispose();
    }
}
