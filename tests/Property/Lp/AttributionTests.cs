using CommunityToolkit.HighPerformance;
using FastCoverage.Lp;
using FastCoverage.Lp.Attribution;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Lp;

public class AttributionTests
{
    /// <summary>
    /// The latent-mode game: train point i has mode i mod K, test point j mode j mod K, and a test point is classified
    /// correctly exactly when the subset holds a train point of its mode. Its cross-mode attributions are 0 in expectation.
    /// </summary>
    private sealed class LatentModeLearner(int trainCount, int testCount, int modes) : ISubsetLearner
    {
        public int TrainCount => trainCount;

        public int TestCount => testCount;

        public void Evaluate(ReadOnlySpan<int> subset, Span<int> correct)
        {
            var present = new bool[modes];
            foreach (int i in subset)
            {
                present[i % modes] = true;
            }

            for (int j = 0; j < testCount; j++)
            {
                correct[j] = present[j % modes] ? 1 : 0;
            }
        }
    }

    /// <summary>An irregular deterministic game: test j is correct when the subset's index sum, salted by j, is odd-ish.</summary>
    private sealed class HashLearner(int trainCount, int testCount) : ISubsetLearner
    {
        public int TrainCount => trainCount;

        public int TestCount => testCount;

        public void Evaluate(ReadOnlySpan<int> subset, Span<int> correct)
        {
            for (int j = 0; j < testCount; j++)
            {
                long h = 17 + j;
                foreach (int i in subset)
                {
                    h = (h * 31) + (i * (j + 3));
                }

                correct[j] = (int)((h >> 3) & 1);
            }
        }
    }

    /// <summary>Naive Tᵢⱼ = mean over subsets with i − mean over subsets without i, by a double loop over (i, j) and subsets.</summary>
    private static double[,] NaiveAttribution(ISubsetLearner learner, int models, double p, long seed)
    {
        int n = learner.TrainCount;
        int m = learner.TestCount;
        var members = new bool[models, n];
        var correct = new int[models, m];
        var buffer = new int[n];
        var c = new int[m];
        for (int r = 0; r < models; r++)
        {
            int size = SubsetSampler.Draw(n, p, seed, r, buffer);
            foreach (int i in buffer.AsSpan(0, size))
            {
                members[r, i] = true;
            }

            learner.Evaluate(buffer.AsSpan(0, size), c);
            for (int j = 0; j < m; j++)
            {
                correct[r, j] = c[j];
            }
        }

        var t = new double[n, m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double sumIn = 0, sumOut = 0;
                int countIn = 0, countOut = 0;
                for (int r = 0; r < models; r++)
                {
                    if (members[r, i])
                    {
                        sumIn += correct[r, j];
                        countIn++;
                    }
                    else
                    {
                        sumOut += correct[r, j];
                        countOut++;
                    }
                }

                t[i, j] = countIn == 0 || countOut == 0 ? 0 : (sumIn / countIn) - (sumOut / countOut);
            }
        }

        return t;
    }

    [Fact]
    public void MSR_attribution_matches_the_naive_double_loop_reference_and_Banzhaf_is_its_row_mean()
    {
        var cases = from n in Gen.Choose(1, 12)
                    from m in Gen.Choose(1, 9)
                    from models in Gen.Choose(1, 150)
                    from p in Gen.Elements(0.1, 0.3, 0.5, 0.9)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, models, p, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var learner = new HashLearner(c.n, c.m);
            AttributionEstimate estimate = MaximumSampleReuse.Estimate(learner, c.models, c.p, c.seed);
            double[,] expected = NaiveAttribution(learner, c.models, c.p, c.seed);
            Span2D<float> t = estimate.Dense.Span;
            for (int i = 0; i < c.n; i++)
            {
                double rowSum = 0;
                for (int j = 0; j < c.m; j++)
                {
                    Assert.Equal(expected[i, j], t[i, j], 1e-6);
                    rowSum += expected[i, j];
                }

                Assert.Equal(rowSum / c.m, estimate.Banzhaf[i], 1e-9);
            }
        }, maxTest: 60);
    }

    [Fact]
    public void MSR_attribution_is_identical_for_one_thread_and_all_threads()
    {
        var learner = new HashLearner(40, 13);
        AttributionEstimate serial = MaximumSampleReuse.Estimate(learner, 301, 0.2, 5, maxDegreeOfParallelism: 1);
        AttributionEstimate parallel = MaximumSampleReuse.Estimate(learner, 301, 0.2, 5, maxDegreeOfParallelism: -1);
        Assert.Equal(serial.Dense.ToArray(), parallel.Dense.ToArray());
        Assert.Equal(serial.InclusionCounts, parallel.InclusionCounts);
    }

    [Fact]
    public void Subsets_include_each_point_with_probability_p()
    {
        var buffer = new int[200];
        foreach (double p in new[] { 0.03, 0.3 })
        {
            long included = 0;
            const int Subsets = 2000;
            for (int r = 0; r < Subsets; r++)
            {
                included += SubsetSampler.Draw(200, p, 11, r, buffer);
            }

            double trials = 200.0 * Subsets;
            double sd = Math.Sqrt(trials * p * (1 - p));
            Assert.InRange(included, (trials * p) - (6 * sd), (trials * p) + (6 * sd));
        }
    }

    [Fact]
    public void Latent_mode_attribution_is_near_zero_across_modes_and_positive_within_a_mode()
    {
        // Cross-mode correctness is independent of whether i was drawn, so each such Tᵢⱼ is a difference of two means
        // of 0/1 variables with standard deviation ≤ ½·√(1/in + 1/out); the bound is 6 of those.
        const int N = 60, M = 24, Modes = 4, Models = 1500;
        var learner = new LatentModeLearner(N, M, Modes);
        AttributionEstimate estimate = MaximumSampleReuse.Estimate(learner, Models, 0.05, 3);
        Span2D<float> t = estimate.Dense.Span;
        double withinSum = 0;
        int withinCount = 0;
        for (int i = 0; i < N; i++)
        {
            int inside = estimate.InclusionCounts[i];
            double bound = 6 * 0.5 * Math.Sqrt((1.0 / inside) + (1.0 / (Models - inside)));
            for (int j = 0; j < M; j++)
            {
                if (i % Modes != j % Modes)
                {
                    Assert.True(Math.Abs(t[i, j]) <= bound, $"T[{i},{j}] = {t[i, j]} across modes exceeds {bound}");
                }
                else
                {
                    withinSum += t[i, j];
                    withinCount++;
                }
            }
        }

        // Within a mode, i's presence makes its mode present: E[T] = P(no other point of the mode) ≈ 0.95¹⁴ ≈ 0.49.
        Assert.InRange(withinSum / withinCount, 0.35, 0.65);
    }

    [Fact]
    public void Keeping_the_largest_q_percent_keeps_exactly_the_largest_magnitudes()
    {
        var cases = from n in Gen.Choose(1, 15)
                    from m in Gen.Choose(1, 15)
                    from percent in Gen.Elements(0.5, 5.0, 20.0, 50.0, 99.0, 100.0)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, percent, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] dense = CdvmReference.RandomAttribution(c.n, c.m, 0.7, c.seed);
            CsrMatrix kept = CdvmReference.Csr(dense).KeepLargest(c.percent);
            float[,] back = kept.ToDense();
            var all = new List<float>();
            var keptMagnitudes = new List<float>();
            var dropped = new List<float>();
            for (int i = 0; i < c.n; i++)
            {
                for (int j = 0; j < c.m; j++)
                {
                    if (dense[i, j] == 0)
                    {
                        continue;
                    }

                    all.Add(dense[i, j]);
                    if (back[i, j] != 0)
                    {
                        Assert.Equal(dense[i, j], back[i, j]);
                        keptMagnitudes.Add(Math.Abs(dense[i, j]));
                    }
                    else
                    {
                        dropped.Add(Math.Abs(dense[i, j]));
                    }
                }
            }

            long target = (long)Math.Ceiling(c.percent / 100.0 * c.n * c.m);
            Assert.Equal(Math.Min(target, all.Count), kept.NonZeroCount);
            if (keptMagnitudes.Count > 0 && dropped.Count > 0)
            {
                Assert.True(keptMagnitudes.Min() >= dropped.Max());
            }
        }, maxTest: 80);
    }

    [Theory]
    [InlineData(0, 0.1, "models")]
    [InlineData(10, 0.0, "probability")]
    [InlineData(10, 1.0, "probability")]
    [InlineData(10, double.NaN, "probability")]
    public void Bad_model_count_or_probability_throws_ArgumentException_naming_it(int models, double p, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => MaximumSampleReuse.Estimate(new HashLearner(5, 3), models, p, 1));
        Assert.Equal(parameter, e.ParamName);
    }
}
