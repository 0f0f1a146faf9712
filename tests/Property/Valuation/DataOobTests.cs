using System.Collections.Concurrent;
using CommunityToolkit.HighPerformance;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Valuation;
using FastCoverage.Valuation.Learners;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Valuation;

public class DataOobTests
{
    [Fact]
    public void Data_OOB_is_the_out_of_bag_accuracy_over_the_bootstrap_learners_it_fitted()
    {
        var cases = from n in Gen.Choose(2, 30)
                    from bootstraps in Gen.Choose(1, 25)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, bootstraps, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.RandomMatrix(c.n, 3, c.seed);
            var random = new Random(c.seed);
            int[] labels = Enumerable.Range(0, c.n).Select(_ => random.Next(3)).ToArray();
            var bags = new ConcurrentBag<int[]>();
            var memory = new ReadOnlyMemory2D<float>(x);
            var result = DataOob.Compute(memory, labels, rows =>
            {
                bags.Add(rows.ToArray());
                return KnnClassifier.Fit(memory.Span, labels, rows, 3, 3);
            }, c.bootstraps, (ulong)c.seed);

            // Reference: refit every recorded bag and tally out-of-bag hits point by point.
            Assert.Equal(c.bootstraps, bags.Count);
            var hits = new int[c.n];
            var outOfBag = new int[c.n];
            foreach (int[] bag in bags)
            {
                Assert.Equal(c.n, bag.Length);
                Assert.All(bag, r => Assert.InRange(r, 0, c.n - 1));
                var model = KnnClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, bag, 3, 3);
                foreach (int i in Enumerable.Range(0, c.n).Except(bag))
                {
                    outOfBag[i]++;
                    hits[i] += model.Predict(new ReadOnlySpan2D<float>(x).Slice(i, 0, 1, 3))[0] == labels[i] ? 1 : 0;
                }
            }

            for (int i = 0; i < c.n; i++)
            {
                double expected = outOfBag[i] == 0 ? 0 : (double)hits[i] / outOfBag[i];
                Assert.Equal(expected, result.Values[i], 12);
                Assert.Equal(outOfBag[i] < 2, double.IsPositiveInfinity(result.StandardErrors![i]));
            }
        }, maxTest: 40);
    }

    [Fact]
    public void Bootstraps_leave_out_about_a_third_of_the_points_and_flipped_labels_get_low_values()
    {
        // Two well-separated clusters; the last 4 points of cluster 0 carry the wrong label.
        int n = 60;
        var x = new float[n, 2];
        var labels = new int[n];
        var random = new Random(3);
        for (int i = 0; i < n; i++)
        {
            int cluster = i < 30 ? 0 : 1;
            x[i, 0] = (cluster * 10) + random.NextSingle();
            x[i, 1] = random.NextSingle();
            labels[i] = i is >= 26 and < 30 ? 1 : cluster;
        }

        var memory = new ReadOnlyMemory2D<float>(x);
        long leftOut = 0;
        var result = DataOob.Compute(memory, labels, rows =>
        {
            Interlocked.Add(ref leftOut, n - rows.ToArray().Distinct().Count());
            return KnnClassifier.Fit(memory.Span, labels, rows, 2, 5);
        }, 200, 11);
        Assert.InRange(leftOut / (200.0 * n), 0.33, 0.41); // (1 − 1/n)ⁿ ≈ 0.364
        Assert.All(result.Values.Skip(26).Take(4), v => Assert.True(v < 0.2, $"noisy point valued {v}"));
        Assert.All(result.Values.Take(26), v => Assert.True(v > 0.8, $"clean point valued {v}"));
    }

    [Fact]
    public void Data_OOB_is_identical_for_any_thread_count()
    {
        float[,] x = Reference.RandomMatrix(40, 4, 2);
        int[] labels = Enumerable.Range(0, 40).Select(i => i % 3).ToArray();
        var memory = new ReadOnlyMemory2D<float>(x);
        ValuationResult Run(int threads) => DataOob.Compute(memory, labels, rows => RidgeClassifier.Fit(memory.Span, labels, rows, 3, 0.1), 50, 7, threads);
        Assert.Equal(Run(1).Values, Run(4).Values);
    }

    [Fact]
    public void Data_OOB_rejects_bad_arguments()
    {
        var memory = new ReadOnlyMemory2D<float>(new float[3, 2]);
        ClassifierFactory fit = rows => KnnClassifier.Fit(memory.Span, [0, 0, 0], rows, 1, 1);
        Assert.Equal("bootstraps", Assert.Throws<ArgumentException>(() => DataOob.Compute(memory, [0, 0, 0], fit, 0, 1)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => DataOob.Compute(memory, [0, 0], fit, 5, 1)).ParamName);

        // A learner rejecting its input inside the parallel loop surfaces as its own ArgumentException, not wrapped.
        var bad = new float[3, 2];
        bad[1, 1] = float.NaN;
        var badMemory = new ReadOnlyMemory2D<float>(bad);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => DataOob.Compute(badMemory, [0, 0, 0], rows => KnnClassifier.Fit(badMemory.Span, [0, 0, 0], rows, 1, 1), 5, 1)).ParamName);
    }
}
