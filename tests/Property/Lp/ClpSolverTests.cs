using FastCoverage.Lp;
using FastCoverage.Lp.Clp;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Lp;

public class ClpSolverTests
{
    /// <summary>max cᵀx s.t. Σx = k, 0 ≤ x ≤ 1 has the closed-form optimum "sum of the k largest cᵢ".</summary>
    private static LinearProgram UnitKnapsack(double[] c, int k)
    {
        int n = c.Length;
        int[] starts = Enumerable.Range(0, n + 1).ToArray();
        return new LinearProgram(starts, new int[n], Enumerable.Repeat(1.0, n).ToArray(), new double[n],
            Enumerable.Repeat(1.0, n).ToArray(), c, [k], [k], maximize: true);
    }

    [Fact]
    public void Unit_knapsack_optimum_is_the_sum_of_the_k_largest_coefficients_cold_dual_cold_primal_cold_barrier_and_warm()
    {
        var cases = from n in Gen.Choose(1, 40)
                    from k in Gen.Choose(1, n)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, k, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            double[] objective = Enumerable.Range(0, c.n).Select(_ => random.NextDouble() - 0.5).ToArray();
            using var solver = new ClpSolver();
            solver.Load(UnitKnapsack(objective, c.k));
            LpSolution cold = solver.Solve();
            Assert.Equal(objective.OrderDescending().Take(c.k).Sum(), cold.Objective, 1e-9);
            Assert.Equal(cold.Objective, solver.Solve(coldMethod: SimplexMethod.Primal).Objective, 1e-9);
            LpSolution barrier = solver.Solve(coldMethod: SimplexMethod.Barrier);
            Assert.Equal(cold.Objective, barrier.Objective, 1e-9);
            // A vertex of the knapsack has at most one fractional coordinate.
            Assert.True(barrier.Columns.Count(x => x > 1e-9 && x < 1 - 1e-9) <= 1);

            double[] changed = objective.Select(x => -x).ToArray();
            solver.SetObjective(changed);
            Assert.Equal(changed.OrderDescending().Take(c.k).Sum(), solver.Solve(warmStart: true).Objective, 1e-9);
            solver.SetRowBounds([1.0], [1.0]);
            Assert.Equal(changed.Max(), solver.Solve(warmStart: true).Objective, 1e-9);
        }, maxTest: 50);
    }

    [Fact]
    public void Infeasible_program_throws_the_typed_exception_carrying_the_primal_infeasible_status()
    {
        // x₀ + x₁ = 3 with 0 ≤ x ≤ 1 has no solution.
        using var solver = new ClpSolver();
        solver.Load(UnitKnapsack([1.0, 2.0], 3));
        var e = Assert.Throws<LinearProgramSolveException>(() => solver.Solve());
        Assert.Equal(LpStatus.PrimalInfeasible, e.Status);
        e = Assert.Throws<LinearProgramSolveException>(() => solver.Solve(coldMethod: SimplexMethod.Barrier));
        Assert.Equal(LpStatus.PrimalInfeasible, e.Status);
    }

    [Fact]
    public void Unbounded_program_throws_the_typed_exception_carrying_the_dual_infeasible_status()
    {
        // max x₀ s.t. x₀ − x₁ ≤ 1, x ≥ 0: unbounded along x₀ = x₁ → ∞.
        using var solver = new ClpSolver();
        solver.Load(new LinearProgram([0, 1, 2], [0, 0], [1.0, -1.0], [0, 0], [double.PositiveInfinity, double.PositiveInfinity],
            [1.0, 0.0], [double.NegativeInfinity], [1.0], maximize: true));
        var e = Assert.Throws<LinearProgramSolveException>(() => solver.Solve());
        Assert.Equal(LpStatus.DualInfeasible, e.Status);
        e = Assert.Throws<LinearProgramSolveException>(() => solver.Solve(coldMethod: SimplexMethod.Barrier));
        Assert.Equal(LpStatus.DualInfeasible, e.Status);
    }

    [Fact]
    public void Missing_library_message_tells_the_user_to_install_coinor_libclp1()
    {
        string[] names = ["libFastCoverageNoSuchClp.so.7"];
        Assert.False(ClpLibrary.TryLoad(names, out _));
        DllNotFoundException e = ClpLibrary.NotFound(names);
        Assert.Contains("coinor-libclp1", e.Message);
        Assert.Contains("libFastCoverageNoSuchClp.so.7", e.Message);
    }

    [Fact]
    public void Versioned_library_name_of_the_runtime_package_loads()
    {
        Assert.True(ClpLibrary.TryLoad(["libClp.so.1"], out IntPtr handle));
        Assert.NotEqual(IntPtr.Zero, handle);
    }

    [Fact]
    public void Malformed_program_arrays_throw_ArgumentException_naming_them()
    {
        Assert.Equal("columnStarts", Assert.Throws<ArgumentException>(() =>
            new LinearProgram([0, 1], [0], [1.0], [0, 0], [1, 1], [1, 1], [0], [1], true)).ParamName);
        Assert.Equal("rowIndices", Assert.Throws<ArgumentException>(() =>
            new LinearProgram([0, 1], [5], [1.0], [0], [1], [1], [0], [1], true)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() =>
            new LinearProgram([0, 1], [0], [double.NaN], [0], [1], [1], [0], [1], true)).ParamName);
    }
}
