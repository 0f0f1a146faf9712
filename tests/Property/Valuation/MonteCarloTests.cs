using FastCoverage.Tests.Infrastructure;
using FastCoverage.Valuation;
using FastCoverage.Valuation.Sampling;
using FastCoverage.Valuation.Stopping;
using FastCoverage.Valuation.Utilities;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Valuation;

public class MonteCarloTests
{
    /// <summary>|estimate − exact| ≤ 4.5 standard errors for every point (a Gaussian tail of ~7e-6 per point).</summary>
    private static void AssertWithinStandardErrors(double[] exact, ValuationResult estimate)
    {
        Assert.NotNull(estimate.StandardErrors);
        for (int i = 0; i < exact.Length; i++)
        {
            double bound = (4.5 * estimate.StandardErrors[i]) + 1e-12;
            Assert.True(Math.Abs(estimate.Values[i] - exact[i]) <= bound, $"point {i}: {estimate.Values[i]} vs exact {exact[i]} (bound {bound})");
        }
    }

    private static Arbitrary<(int N, int Seed)> SmallGames() =>
        (from n in Gen.Choose(1, 8) from seed in Gen.Choose(0, int.MaxValue - 1) select (n, seed)).ToArbitrary();

    private static PermutationOptions Seeded(int seed, bool antithetic = false, int threads = -1, int batch = 32) =>
        new() { Antithetic = antithetic, Sampling = new SamplingOptions { Seed = (ulong)seed, MaxDegreeOfParallelism = threads, BatchSize = batch } };

    [Fact]
    public void Permutation_Shapley_converges_to_exact_Shapley_within_its_own_standard_errors()
    {
        Properties.ForAll(SmallGames(), c =>
        {
            var game = MaskGame.Random(c.N, c.Seed);
            double[] exact = BruteForce.ShapleyByPermutations(game);
            AssertWithinStandardErrors(exact, PermutationSemivalue.Shapley(game, StoppingCriterion.MaxSamples(1500), Seeded(c.Seed)));
            AssertWithinStandardErrors(exact, PermutationSemivalue.Shapley(game, StoppingCriterion.MaxSamples(1500), Seeded(c.Seed, antithetic: true)));
        }, maxTest: 25);
    }

    [Fact]
    public void Every_permutation_is_efficient_so_the_estimates_sum_to_the_grand_coalition_value()
    {
        Properties.ForAll(SmallGames(), c =>
        {
            var game = MaskGame.Random(c.N, c.Seed);
            var result = PermutationSemivalue.Shapley(game, StoppingCriterion.MaxSamples(37), Seeded(c.Seed));
            Assert.True(Math.Abs(result.Values.Sum() - (game.Value((1 << c.N) - 1) - game.Value(0))) <= 1e-10);
            Assert.Equal(37, result.Samples);
        }, maxTest: 40);
    }

    [Fact]
    public void Permutation_Beta_Shapley_converges_to_the_exact_Beta_semivalue()
    {
        Properties.ForAll(SmallGames(), c =>
        {
            var game = MaskGame.Random(c.N, c.Seed);
            var beta = Semivalue.BetaShapley(4, 1);
            double[] exact = ExactSemivalue.Compute(game, beta).Values;
            AssertWithinStandardErrors(exact, PermutationSemivalue.Compute(game, beta, StoppingCriterion.MaxSamples(3000), Seeded(c.Seed)));
        }, maxTest: 20);
    }

    [Fact]
    public void MSR_Banzhaf_converges_to_exact_Banzhaf_within_its_own_standard_errors()
    {
        Properties.ForAll(SmallGames(), c =>
        {
            var game = MaskGame.Random(c.N, c.Seed);
            var result = MaximumSampleReuse.Banzhaf(game, StoppingCriterion.MaxSamples(4000), new SamplingOptions { Seed = (ulong)c.Seed });
            AssertWithinStandardErrors(BruteForce.BanzhafBySubsets(game), result);
        }, maxTest: 25);
    }

    [Fact]
    public void MSR_Banzhaf_error_shrinks_as_samples_grow()
    {
        var game = MaskGame.Random(6, 42);
        double[] exact = BruteForce.BanzhafBySubsets(game);
        double Error(int samples) => MaximumSampleReuse.Banzhaf(game, StoppingCriterion.MaxSamples(samples), new SamplingOptions { Seed = 9 })
            .Values.Zip(exact, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(Error(40000) < Error(400) / 3, $"{Error(40000)} vs {Error(400)}");
    }

    [Fact]
    public void Results_are_identical_for_any_thread_count_and_batch_size_with_the_same_seed()
    {
        var game = MaskGame.Random(10, 3);
        var stop = StoppingCriterion.MaxSamples(203);
        var one = PermutationSemivalue.Shapley(game, stop, Seeded(5, antithetic: true, threads: 1, batch: 7));
        var many = PermutationSemivalue.Shapley(game, stop, Seeded(5, antithetic: true, threads: 4, batch: 64));
        Assert.Equal(one.Values, many.Values);
        Assert.Equal(one.StandardErrors, many.StandardErrors);
        var msrOne = MaximumSampleReuse.Banzhaf(game, stop, new SamplingOptions { Seed = 5, MaxDegreeOfParallelism = 1, BatchSize = 3 });
        var msrMany = MaximumSampleReuse.Banzhaf(game, stop, new SamplingOptions { Seed = 5, MaxDegreeOfParallelism = 3, BatchSize = 50 });
        Assert.Equal(msrOne.Values, msrMany.Values);
        Assert.Equal(msrOne.StandardErrors, msrMany.StandardErrors);
        Assert.NotEqual(one.Values, PermutationSemivalue.Shapley(game, stop, Seeded(6)).Values);
    }

    [Fact]
    public void Ridge_and_knn_utilities_give_identical_results_for_one_and_many_threads()
    {
        float[,] x = Reference.RandomMatrix(30, 5, 1);
        float[,] xv = Reference.RandomMatrix(17, 5, 2);
        int[] labels = Enumerable.Range(0, 30).Select(i => i % 3).ToArray();
        int[] validLabels = Enumerable.Range(0, 17).Select(i => (i * 7) % 3).ToArray();
        IUtility[] utilities =
        [
            new RidgeUtility(x, labels, xv, validLabels, 3, 0.3, RidgeMetric.NegativeMeanSquaredError),
            new KnnUtility(new CommunityToolkit.HighPerformance.ReadOnlyMemory2D<float>(x), labels, new CommunityToolkit.HighPerformance.ReadOnlyMemory2D<float>(xv), validLabels, 3, 3),
        ];
        foreach (IUtility utility in utilities)
        {
            var stop = StoppingCriterion.MaxSamples(41);
            var one = PermutationSemivalue.Shapley(utility, stop, Seeded(8, threads: 1, batch: 5) with { TruncationTolerance = 1e-3 });
            var many = PermutationSemivalue.Shapley(utility, stop, Seeded(8, threads: 3, batch: 16) with { TruncationTolerance = 1e-3 });
            Assert.Equal(one.Values, many.Values);
            Assert.Equal(one.StandardErrors, many.StandardErrors);
            Assert.Equal(MaximumSampleReuse.Banzhaf(utility, stop, new SamplingOptions { Seed = 2, MaxDegreeOfParallelism = 1 }).Values,
                MaximumSampleReuse.Banzhaf(utility, stop, new SamplingOptions { Seed = 2, MaxDegreeOfParallelism = 3, BatchSize = 7 }).Values);
        }
    }

    [Fact]
    public void Truncation_skips_the_utility_once_the_prefix_reaches_the_grand_value_without_changing_saturating_games()
    {
        // Latent-mode game: once every mode is covered the prefix value equals v(D), so later marginals are exactly 0.
        int[] modeOf = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2];
        var game = new CountingUtility(new LatentModeUtility(modeOf, [1, 2, 3]));
        var plain = PermutationSemivalue.Shapley(game, StoppingCriterion.MaxSamples(200), Seeded(1));
        long fullCost = game.Adds;
        game.Adds = 0;
        var truncated = PermutationSemivalue.Shapley(game, StoppingCriterion.MaxSamples(200), Seeded(1) with { TruncationTolerance = 1e-9 });
        Assert.Equal(plain.Values, truncated.Values);
        Assert.True(game.Adds < fullCost / 2, $"{game.Adds} adds with truncation vs {fullCost} without");
    }

    [Fact]
    public void Monte_Carlo_Shapley_on_the_latent_mode_game_approaches_rho_over_mode_size()
    {
        int[] modeOf = [0, 0, 1, 1, 1, 2, 2, 2, 2];
        double[] rho = [1, 0.5, 2];
        var result = PermutationSemivalue.Shapley(new LatentModeUtility(modeOf, rho), StoppingCriterion.MaxSamples(4000), Seeded(2, antithetic: true));
        int[] size = [2, 3, 4];
        AssertWithinStandardErrors(modeOf.Select(j => rho[j] / size[j]).ToArray(), result);
    }

    [Fact]
    public void Standard_error_criterion_stops_a_run_once_every_point_is_below_tolerance()
    {
        var game = MaskGame.Random(5, 8);
        var result = PermutationSemivalue.Shapley(game, StoppingCriterion.StandardErrorBelow(0.05, burnIn: 10) | StoppingCriterion.MaxSamples(100000), Seeded(3));
        Assert.All(result.StandardErrors!, se => Assert.True(se <= 0.05));
        Assert.All(result.Converged!, Assert.True);
        Assert.True(result.Samples < 100000);
        // Stopping one sample earlier would not have satisfied the criterion.
        var before = PermutationSemivalue.Shapley(game, StoppingCriterion.MaxSamples(result.Samples - 1), Seeded(3));
        Assert.Contains(before.StandardErrors!, se => se > 0.05);
    }

    [Fact]
    public void Progress_reports_completion_rising_to_one()
    {
        var reports = new List<double>();
        var progress = new SynchronousProgress(reports.Add);
        PermutationSemivalue.Shapley(MaskGame.Random(4, 1), StoppingCriterion.MaxSamples(100), Seeded(1) with { Sampling = new SamplingOptions { BatchSize = 10, Progress = progress } });
        Assert.Equal(10, reports.Count);
        Assert.Equal(1.0, reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void Bad_options_throw_ArgumentException_naming_the_option()
    {
        var game = MaskGame.Random(3, 1);
        var stop = StoppingCriterion.MaxSamples(5);
        Assert.Equal("TruncationTolerance", Assert.Throws<ArgumentException>(() => PermutationSemivalue.Shapley(game, stop, new PermutationOptions { TruncationTolerance = -1 })).ParamName);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentException>(() => PermutationSemivalue.Shapley(game, stop, new PermutationOptions { Sampling = new SamplingOptions { BatchSize = 0 } })).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentException>(() => MaximumSampleReuse.Banzhaf(game, stop, new SamplingOptions { MaxDegreeOfParallelism = 0 })).ParamName);
        Assert.Equal("inclusionProbability", Assert.Throws<ArgumentException>(() => MaximumSampleReuse.Banzhaf(game, stop, null, 1.0)).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => StoppingCriterion.MaxSamples(0)).ParamName);
        Assert.Equal("tolerance", Assert.Throws<ArgumentException>(() => StoppingCriterion.StandardErrorBelow(double.NaN)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => Semivalue.BetaShapley(0, 1)).ParamName);
    }

    [Fact]
    public void A_utility_exception_in_a_worker_surfaces_unwrapped()
    {
        var broken = new MaskGame(4, m => m == 15 ? throw new ArgumentException("broken utility", "utility") : 0);
        Assert.Equal("utility", Assert.Throws<ArgumentException>(() => PermutationSemivalue.Shapley(broken, StoppingCriterion.MaxSamples(5))).ParamName);
        Assert.Equal("utility", Assert.Throws<ArgumentException>(() => LeaveOneOut.Compute(new MaskGame(4, m => m == 7 ? throw new ArgumentException("x", "utility") : 0))).ParamName);
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    /// <summary>Counts <see cref="IUtilityState.Add"/> calls of a wrapped utility.</summary>
    private sealed class CountingUtility(IUtility inner) : IUtility
    {
        public long Adds;

        public int PlayerCount => inner.PlayerCount;

        public IUtilityState CreateState() => new State(this, inner.CreateState());

        private sealed class State(CountingUtility owner, IUtilityState inner) : IUtilityState
        {
            public double Value => inner.Value;

            public void Add(int player)
            {
                Interlocked.Increment(ref owner.Adds);
                inner.Add(player);
            }

            public void Reset() => inner.Reset();

            public void CopyTo(IUtilityState destination) => inner.CopyTo(((State)destination).Inner);

            private IUtilityState Inner => inner;
        }
    }
}
