using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

public class FacilityLocationGreedyTests
{
    private static FacilityLocationResult Run(SimilarityInstance s, int k, FacilityLocationOptimizer optimizer, bool stopAtZeroGain = false, IReadOnlyList<int>? initial = null) =>
        FacilityLocation.Maximize(s.Memory, k, new FacilityLocationOptions { Optimizer = optimizer, StopAtZeroGain = stopAtZeroGain, InitialSubset = initial });

    private static Gen<(SimilarityInstance S, int K, bool Stop)> Cases(bool quantized) =>
        from s in SimilarityInstances.Dense(quantized)
        from k in Gen.Choose(0, s.Candidates)
        from stop in Gen.Elements(false, true)
        select (s, k, stop);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lazy_greedy_picks_exactly_what_naive_greedy_picks_with_identical_gains(bool quantizedWithTies)
    {
        Properties.ForAll(Cases(quantizedWithTies).ToArbitrary(), c =>
        {
            var naive = Run(c.S, c.K, FacilityLocationOptimizer.Naive, c.Stop);
            var lazy = Run(c.S, c.K, FacilityLocationOptimizer.Lazy, c.Stop);
            Assert.Equal(naive.Indices, lazy.Indices);
            Assert.Equal(naive.Gains, lazy.Gains);
            Assert.Equal(naive.Objectives, lazy.Objectives);
        });
    }

    [Fact]
    public void Naive_greedy_matches_the_double_reference_greedy_exactly_on_tied_quantized_instances()
    {
        Properties.ForAll(Cases(quantized: true).ToArbitrary(), c =>
        {
            var result = Run(c.S, c.K, FacilityLocationOptimizer.Naive, c.Stop);
            var (picks, gains) = FacilityLocationReference.Greedy(c.S.Double, c.K, stopAtZeroGain: c.Stop);
            Assert.Equal(picks, result.Indices);
            Assert.Equal(gains, result.Gains);
        });
    }

    [Fact]
    public void Lazy_greedy_matches_the_double_reference_greedy_on_continuous_instances()
    {
        Properties.ForAll(Cases(quantized: false).ToArbitrary(), c =>
        {
            var result = Run(c.S, c.K, FacilityLocationOptimizer.Lazy);
            FacilityLocationReference.AssertSameUntilNearTie(c.S.Double, c.K, result.Indices, result.Gains, 1e-5 * c.S.Represented);
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stochastic_greedy_with_vanishing_epsilon_is_naive_greedy(bool quantizedWithTies)
    {
        Properties.ForAll(Cases(quantizedWithTies).ToArbitrary(), c =>
        {
            var naive = Run(c.S, c.K, FacilityLocationOptimizer.Naive, c.Stop);
            var stochastic = FacilityLocation.Maximize(c.S.Memory, c.K, new FacilityLocationOptions
            {
                Optimizer = FacilityLocationOptimizer.Stochastic,
                Epsilon = 1e-300,
                Seed = c.S.Seed,
                StopAtZeroGain = c.Stop,
            });
            Assert.Equal(naive.Indices, stochastic.Indices);
            Assert.Equal(naive.Gains, stochastic.Gains);
        });
    }

    [Fact]
    public void Stochastic_greedy_depends_only_on_the_seed_not_on_the_thread_count()
    {
        Properties.ForAll(SimilarityInstances.Dense(false, 40, 300).ToArbitrary(), s =>
        {
            int k = Math.Max(1, s.Candidates / 10);
            FacilityLocationResult Once(int threads) => FacilityLocation.Maximize(s.Memory, k, new FacilityLocationOptions
            {
                Optimizer = FacilityLocationOptimizer.Stochastic,
                Epsilon = 0.3,
                Seed = s.Seed,
                MaxDegreeOfParallelism = threads,
            });
            var one = Once(1);
            var all = Once(-1);
            Assert.Equal(one.Indices, all.Indices);
            Assert.Equal(one.Gains, all.Gains);
        }, maxTest: 30);
    }

    [Fact]
    public void Lazy_greedy_picks_the_same_with_one_thread_as_with_all_and_with_re_evaluation_batches()
    {
        Properties.ForAll(SimilarityInstances.Dense(false, 60, 300).ToArbitrary(), s =>
        {
            int k = Math.Max(1, s.Candidates / 4);
            FacilityLocationResult Once(int threads) => FacilityLocation.Maximize(s.Memory, k, new FacilityLocationOptions { MaxDegreeOfParallelism = threads });
            var one = Once(1);
            var four = Once(4);
            var naive = FacilityLocation.Maximize(s.Memory, k, new FacilityLocationOptions { Optimizer = FacilityLocationOptimizer.Naive });
            Assert.Equal(naive.Indices, one.Indices);
            Assert.Equal(naive.Indices, four.Indices);
            Assert.Equal(naive.Gains, four.Gains);
        }, maxTest: 30);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Lazy_greedy_with_adaptive_re_evaluation_batches_picks_exactly_what_naive_greedy_picks(bool quantizedWithTies)
    {
        // Wide instances (up to 3000 represented points) so that large batches cross the dense source's threshold for
        // evaluating on several threads; batch sizes from one stale entry up to 512 at once.
        var cases = from u in Gen.Choose(1, 3000)
                    from n in Gen.Choose(1, 120)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    from k in Gen.Choose(0, n)
                    from batches in Gen.Elements((1, 1), (2, 64), (4, 128), (1, 512))
                    from threads in Gen.Elements(1, 2, -1)
                    select (S: SimilarityInstances.Create(u, n, seed, quantizedWithTies), K: k, Batch: batches.Item1, MaxBatch: batches.Item2, Threads: threads);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var naive = Run(c.S, c.K, FacilityLocationOptimizer.Naive);
            var state = new GreedyState(DenseSimilarityLayout.FromRepresentedMajor(c.S.Memory, c.Threads), c.K, null, null, double.PositiveInfinity, null, c.Threads);
            LazyGreedy.Run(state, stopAtZeroGain: false, c.Batch, c.MaxBatch);
            var lazy = state.ToResult();
            Assert.Equal(naive.Indices, lazy.Indices);
            Assert.Equal(naive.Gains, lazy.Gains);
        }, maxTest: 25);
    }

    [Fact]
    public void Greedy_value_is_at_least_one_minus_one_over_e_of_the_brute_force_optimum()
    {
        var cases = from s in SimilarityInstances.Dense(false, 8, 9)
                    from k in Gen.Choose(1, s.Candidates)
                    from optimizer in Gen.Elements(FacilityLocationOptimizer.Naive, FacilityLocationOptimizer.Lazy)
                    select (s, k, optimizer);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var result = Run(c.s, c.k, c.optimizer);
            double optimum = FacilityLocationReference.BruteForceOptimum(c.s.Double, c.k);
            double achieved = FacilityLocationReference.Objective(c.s.Double, result.Indices);
            Assert.True(achieved >= ((1 - (1 / Math.E)) * optimum) - 1e-9, $"greedy {achieved} < (1 − 1/e)·{optimum}");
        });
    }

    [Fact]
    public void Naive_greedy_gains_never_increase()
    {
        Properties.ForAll(Cases(quantized: false).ToArbitrary(), c =>
        {
            var result = Run(c.S, c.K, FacilityLocationOptimizer.Naive);
            for (int t = 1; t < result.Gains.Count; t++)
            {
                Assert.True(result.Gains[t] <= result.Gains[t - 1], $"gain {t} = {result.Gains[t]} > gain {t - 1} = {result.Gains[t - 1]}");
            }
        });
    }

    [Fact]
    public void Reported_objective_after_each_pick_equals_F_recomputed_from_its_definition()
    {
        var cases = from c in Cases(quantized: false)
                    from optimizer in Gen.Elements(Enum.GetValues<FacilityLocationOptimizer>())
                    select (c.S, c.K, optimizer);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var result = FacilityLocation.Maximize(c.S.Memory, c.K, new FacilityLocationOptions { Optimizer = c.optimizer, Epsilon = 0.2, Seed = 3 });
            Assert.Equal(c.K, result.Indices.Count);
            Assert.Equal(c.K, result.Indices.Distinct().Count());
            for (int t = 0; t < result.Indices.Count; t++)
            {
                double expected = FacilityLocationReference.Objective(c.S.Double, result.Indices.Take(t + 1));
                Assert.Equal(expected, result.Objectives[t], 1e-5 * c.S.Represented);
            }
        });
    }

    [Fact]
    public void Candidate_major_layout_gives_the_same_selection_as_represented_major()
    {
        Properties.ForAll(Cases(quantized: true).ToArbitrary(), c =>
        {
            var transposed = new float[c.S.Candidates, c.S.Represented];
            for (int i = 0; i < c.S.Represented; i++)
            {
                for (int j = 0; j < c.S.Candidates; j++)
                {
                    transposed[j, i] = c.S.Single[i, j];
                }
            }

            // The transposed copy is rented uncleared from the shared pool: fill what the pool will hand out with garbage
            // first, which any entry left unwritten would carry into a gain.
            float[] poisoned = System.Buffers.ArrayPool<float>.Shared.Rent(c.S.Candidates * c.S.Represented);
            Array.Fill(poisoned, 1e30f);
            System.Buffers.ArrayPool<float>.Shared.Return(poisoned);
            var a = Run(c.S, c.K, FacilityLocationOptimizer.Lazy);
            var b = FacilityLocation.Maximize(transposed, c.K, null, SimilarityLayout.CandidateMajor);
            Assert.Equal(a.Indices, b.Indices);
            Assert.Equal(a.Gains, b.Gains);
        });
    }
}
