using FastCoverage.Lp;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Lp;

public class CdvmProgramTests
{
    private const double Tolerance = 1e-6;

    private static Gen<(int N, int M, int Keep, double Alpha, double Kappa, double Density, int Seed)> Instances(int maxN, int maxM) =>
        from n in Gen.Choose(1, maxN)
        from m in Gen.Choose(1, maxM)
        from keep in Gen.Choose(1, n)
        from alphaStep in Gen.Choose(0, 20)
        from kappaStep in Gen.Choose(0, 12)
        from density in Gen.Elements(0.3, 0.6, 1.0)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select (n, m, keep, alphaStep / 20.0, kappaStep / 4.0, density, seed);

    [Fact]
    public void LP_optimum_bounds_every_01_selection_and_equals_the_best_when_integral()
    {
        int integralCases = 0;
        Properties.ForAll(Instances(8, 5).ToArbitrary(), c =>
        {
            float[,] t = CdvmReference.RandomAttribution(c.N, c.M, c.Density, c.Seed);
            using var program = new CdvmProgram(CdvmReference.Csr(t));
            CdvmResult result = program.Solve(c.Keep, c.Alpha, c.Kappa);
            double best = CdvmReference.BestIntegralObjective(t, c.Keep, c.Alpha, c.Kappa);
            Assert.True(result.Objective >= best - Tolerance, $"LP {result.Objective} < best 0/1 selection {best} for {c}");
            if (result.Weights.All(w => w < 1e-9 || w > 1 - 1e-9))
            {
                integralCases++;
                Assert.Equal(best, result.Objective, Tolerance);
            }
        }, maxTest: 150);
        Assert.True(integralCases > 10, $"only {integralCases} integral LP solutions were seen; the equality branch was barely exercised");
    }

    [Fact]
    public void With_alpha_one_the_optimum_is_the_sum_of_the_S_largest_row_sums()
    {
        Properties.ForAll(Instances(30, 12).ToArbitrary(), c =>
        {
            float[,] t = CdvmReference.RandomAttribution(c.N, c.M, c.Density, c.Seed);
            using var program = new CdvmProgram(CdvmReference.Csr(t));
            CdvmResult result = program.Solve(c.Keep, 1.0, c.Kappa);
            Assert.Equal(CdvmReference.SumOfLargestRowSums(t, c.Keep), result.Objective, Tolerance);
        }, maxTest: 60);
    }

    [Fact]
    public void At_the_optimum_slack_is_the_excess_over_kappa_and_the_objective_matches_the_reference()
    {
        Properties.ForAll(Instances(30, 12).ToArbitrary(), c =>
        {
            double alpha = Math.Min(c.Alpha, 0.95);
            float[,] t = CdvmReference.RandomAttribution(c.N, c.M, c.Density, c.Seed);
            using var program = new CdvmProgram(CdvmReference.Csr(t));
            CdvmResult result = program.Solve(c.Keep, alpha, c.Kappa);
            double[] v = CdvmReference.Utility(t, result.Weights);
            for (int j = 0; j < c.M; j++)
            {
                Assert.Equal(Math.Max(0, v[j] - c.Kappa), result.Slack[j], 1e-5);
            }

            Assert.Equal(CdvmReference.Objective(t, result.Weights, alpha, c.Kappa), result.Objective, 1e-5);
        }, maxTest: 60);
    }

    [Fact]
    public void Cold_primal_dual_and_barrier_solves_reach_the_same_optimum_and_bound_every_01_selection()
    {
        Properties.ForAll(Instances(12, 8).ToArbitrary(), c =>
        {
            float[,] t = CdvmReference.RandomAttribution(c.N, c.M, c.Density, c.Seed);
            using var program = new CdvmProgram(CdvmReference.Csr(t));
            CdvmResult dual = program.Solve(c.Keep, c.Alpha, c.Kappa, coldMethod: SimplexMethod.Dual);
            double best = CdvmReference.BestIntegralObjective(t, c.Keep, c.Alpha, c.Kappa);
            foreach (SimplexMethod method in new[] { SimplexMethod.Primal, SimplexMethod.Barrier })
            {
                CdvmResult result = program.Solve(c.Keep, c.Alpha, c.Kappa, coldMethod: method);
                Assert.Equal(dual.Objective, result.Objective, Tolerance);
                Assert.Equal(CdvmReference.Objective(t, result.Weights, c.Alpha, c.Kappa), result.Objective, 1e-5);
                Assert.True(result.Objective >= best - Tolerance);
            }
        }, maxTest: 60);
    }

    [Fact]
    public void Barrier_solves_end_at_a_vertex_with_at_most_m_plus_1_basic_weights_and_slacks()
    {
        // A basic solution of the m + 1 rows has at most m + 1 basic variables; every fractional wᵢ and every tⱼ > 0
        // is basic, so a crossover that stopped inside a face of the optimum would show more.
        Properties.ForAll(Instances(30, 10).ToArbitrary(), c =>
        {
            float[,] t = CdvmReference.RandomAttribution(c.N, c.M, c.Density, c.Seed);
            using var program = new CdvmProgram(CdvmReference.Csr(t));
            CdvmResult result = program.Solve(c.Keep, c.Alpha, c.Kappa, coldMethod: SimplexMethod.Barrier);
            int fractional = result.Weights.Count(w => w > 1e-7 && w < 1 - 1e-7);
            int positiveSlacks = result.Slack.Count(s => s > 1e-7);
            Assert.True(fractional + positiveSlacks <= c.M + 1, $"{fractional} fractional weights and {positiveSlacks} positive slacks for {c.M + 1} rows");
            Assert.Equal(CdvmReference.Objective(t, result.Weights, c.Alpha, c.Kappa), result.Objective, 1e-5);
        }, maxTest: 60);
    }

    [Fact]
    public void Barrier_solves_on_several_threads_at_once_equal_the_same_solves_one_at_a_time()
    {
        // CLP's interrupt handling is process-global; with it off, concurrent barrier solves must not interfere.
        CsrMatrix[] programs = Enumerable.Range(0, 16).Select(seed => CdvmReference.Csr(CdvmReference.RandomAttribution(40, 15, 0.5, seed))).ToArray();
        double[][] Solve(int threads)
        {
            var weights = new double[programs.Length][];
            Parallel.For(0, programs.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
            {
                using var program = new CdvmProgram(programs[k]);
                weights[k] = program.Solve(10, 0.2, 0.3, coldMethod: SimplexMethod.Barrier).Weights;
            });
            return weights;
        }

        double[][] serial = Solve(1);
        for (int round = 0; round < 3; round++)
        {
            Assert.Equal(serial, Solve(8));
        }
    }

    [Fact]
    public void Cold_method_is_barrier_below_half_and_primal_at_half_exactly_when_the_uniform_selection_exceeds_kappa_on_half_the_columns()
    {
        // T = 1 on the first two of four columns, 0.5 on the third, −1 on the fourth; n = 10, S = 5: the uniform
        // selection wᵢ = ½ gives positive-part column sums × ½ = 5, 5, 2.5, 0.
        var t = new float[10, 4];
        for (int i = 0; i < 10; i++)
        {
            (t[i, 0], t[i, 1], t[i, 2], t[i, 3]) = (1f, 1f, 0.5f, -1f);
        }

        using var program = new CdvmProgram(CdvmReference.Csr(t));
        Assert.Equal(SimplexMethod.Primal, program.ColdMethod(5, 0.5, 4.9));
        Assert.Equal(SimplexMethod.Barrier, program.ColdMethod(5, 0.49, 4.9));
        Assert.Equal(SimplexMethod.Barrier, program.ColdMethod(5, 0.0, 2.4));
        Assert.Equal(SimplexMethod.Dual, program.ColdMethod(5, 0.51, 2.4));
        Assert.Equal(SimplexMethod.Dual, program.ColdMethod(5, 0.5, 5.0));
        Assert.Equal(SimplexMethod.Dual, program.ColdMethod(5, 0.1, 5.0));
        Assert.Equal(SimplexMethod.Dual, program.ColdMethod(4, 0.5, 4.0));
    }

    [Fact]
    public void Cold_method_never_picks_the_barrier_above_the_test_count_bound()
    {
        // One train row of ones, S = 1: every column exceeds κ = ½; m = BarrierMaxTestCount allows the barrier, one more does not.
        foreach (int m in new[] { CdvmProgram.BarrierMaxTestCount, CdvmProgram.BarrierMaxTestCount + 1 })
        {
            var t = new float[1, m];
            for (int j = 0; j < m; j++)
            {
                t[0, j] = 1f;
            }

            using var program = new CdvmProgram(CdvmReference.Csr(t));
            Assert.Equal(m <= CdvmProgram.BarrierMaxTestCount ? SimplexMethod.Barrier : SimplexMethod.Primal, program.ColdMethod(1, 0.1, 0.5));
        }
    }

    [Fact]
    public void Weights_lie_in_the_unit_box_sum_to_S_and_the_selection_is_the_top_S_with_lowest_index_ties()
    {
        Properties.ForAll(Instances(30, 12).ToArbitrary(), c =>
        {
            float[,] t = CdvmReference.RandomAttribution(c.N, c.M, c.Density, c.Seed);
            using var program = new CdvmProgram(CdvmReference.Csr(t));
            CdvmResult result = program.Solve(c.Keep, c.Alpha, c.Kappa);
            Assert.All(result.Weights, w => Assert.InRange(w, 0.0, 1.0));
            Assert.Equal(c.Keep, result.Weights.Sum(), 1e-9);
            int[] expected = Enumerable.Range(0, c.N).OrderByDescending(i => result.Weights[i]).ThenBy(i => i).Take(c.Keep).Order().ToArray();
            Assert.Equal(expected, result.Selected);
            Assert.Equal(LpStatus.Optimal, result.Status);
        }, maxTest: 60);
    }

    [Fact]
    public void Objective_is_invariant_to_permuting_train_rows()
    {
        Properties.ForAll(Instances(30, 12).ToArbitrary(), c =>
        {
            float[,] t = CdvmReference.RandomAttribution(c.N, c.M, c.Density, c.Seed);
            int[] permutation = Enumerable.Range(0, c.N).ToArray();
            new Random(c.Seed).Shuffle(permutation);
            var permuted = new float[c.N, c.M];
            for (int i = 0; i < c.N; i++)
            {
                for (int j = 0; j < c.M; j++)
                {
                    permuted[i, j] = t[permutation[i], j];
                }
            }

            using var original = new CdvmProgram(CdvmReference.Csr(t));
            using var shuffled = new CdvmProgram(CdvmReference.Csr(permuted));
            Assert.Equal(original.Solve(c.Keep, c.Alpha, c.Kappa).Objective, shuffled.Solve(c.Keep, c.Alpha, c.Kappa).Objective, Tolerance);
        }, maxTest: 60);
    }

    [Fact]
    public void Warm_started_resolves_reach_the_same_optimum_as_cold_solves()
    {
        var sequences = from n in Gen.Choose(2, 40)
                        from m in Gen.Choose(1, 15)
                        from seed in Gen.Choose(0, int.MaxValue - 1)
                        from steps in Gen.ListOf(from keepFraction in Gen.Choose(1, 10)
                                                 from alpha in Gen.Choose(0, 10)
                                                 from kappa in Gen.Choose(0, 8)
                                                 select (keepFraction / 10.0, alpha / 10.0, kappa / 4.0)).Resize(6)
                        select (n, m, seed, steps.ToArray());
        Properties.ForAll(sequences.ToArbitrary(), c =>
        {
            float[,] t = CdvmReference.RandomAttribution(c.n, c.m, 0.5, c.seed);
            CsrMatrix csr = CdvmReference.Csr(t);
            using var warm = new CdvmProgram(csr);
            foreach (var (keepFraction, alpha, kappa) in c.Item4)
            {
                int keep = Math.Max(1, (int)(keepFraction * c.n));
                using var cold = new CdvmProgram(csr);
                Assert.Equal(cold.Solve(keep, alpha, kappa).Objective, warm.Solve(keep, alpha, kappa, warmStart: true).Objective, Tolerance);
            }
        }, maxTest: 40);
    }

    [Fact]
    public void Warm_starts_along_alpha_only_and_along_kappa_only_reach_the_cold_optima()
    {
        CsrMatrix csr = CdvmReference.Csr(CdvmReference.RandomAttribution(60, 25, 0.4, 17));
        using var alongAlpha = new CdvmProgram(csr);
        using var alongKappa = new CdvmProgram(csr);
        foreach (double step in new[] { 0.0, 0.1, 0.2, 0.5, 0.9, 1.0, 0.3 })
        {
            using var coldAlpha = new CdvmProgram(csr);
            using var coldKappa = new CdvmProgram(csr);
            Assert.Equal(coldAlpha.Solve(15, step, 0.4).Objective, alongAlpha.Solve(15, step, 0.4, warmStart: true).Objective, Tolerance);
            Assert.Equal(coldKappa.Solve(15, 0.3, 2 * step).Objective, alongKappa.Solve(15, 0.3, 2 * step, warmStart: true).Objective, Tolerance);
        }
    }

    [Theory]
    [InlineData(0, 0.5, 0.5, "keep")]
    [InlineData(6, 0.5, 0.5, "keep")]
    [InlineData(-1, 0.5, 0.5, "keep")]
    [InlineData(2, -0.1, 0.5, "alpha")]
    [InlineData(2, 1.1, 0.5, "alpha")]
    [InlineData(2, double.NaN, 0.5, "alpha")]
    [InlineData(2, 0.5, -0.01, "kappa")]
    [InlineData(2, 0.5, double.NaN, "kappa")]
    [InlineData(2, 0.5, double.PositiveInfinity, "kappa")]
    public void Out_of_range_budget_alpha_or_kappa_throws_ArgumentException_naming_it(int keep, double alpha, double kappa, string parameter)
    {
        using var program = new CdvmProgram(CdvmReference.Csr(CdvmReference.RandomAttribution(5, 3, 1.0, 7)));
        var e = Assert.Throws<ArgumentException>(() => program.Solve(keep, alpha, kappa));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Non_finite_or_misshapen_attribution_throws_ArgumentException_naming_it()
    {
        var t = new float[3, 2];
        t[1, 1] = float.NaN;
        Assert.Equal("dense", Assert.Throws<ArgumentException>(() => CdvmReference.Csr(t)).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 2, [0, 1], [0], [float.PositiveInfinity])).ParamName);
        Assert.Equal("columnIndices", Assert.Throws<ArgumentException>(() => new CsrMatrix(1, 2, [0, 1], [2], [1f])).ParamName);
        Assert.Equal("rowStarts", Assert.Throws<ArgumentException>(() => new CsrMatrix(2, 2, [0, 1], [0], [1f])).ParamName);
        Assert.Equal("attribution", Assert.Throws<ArgumentException>(() => new CdvmProgram(CdvmReference.Csr(new float[0, 3]))).ParamName);
    }
}
