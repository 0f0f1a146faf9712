using CommunityToolkit.HighPerformance;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Valuation;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Valuation;

public class KnnShapleyTests
{
    /// <summary>How feature values are drawn: uniform; a small integer grid (exact distance ties); or a large offset
    /// plus a small perturbation (where ‖x‖² + ‖y‖² − 2⟨x, y⟩ in float would cancel and misorder neighbours).</summary>
    public enum Layout
    {
        Uniform,
        IntegerGrid,
        LargeOffset,
    }

    private static float[,] Features(int rows, int d, Layout layout, Random random)
    {
        var x = new float[rows, d];
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < d; c++)
            {
                x[i, c] = layout switch
                {
                    Layout.IntegerGrid => random.Next(-1, 2),
                    Layout.LargeOffset => 1000f + (random.Next(-8, 9) * (1f / 16384f)),
                    _ => (2f * random.NextSingle()) - 1f,
                };
            }
        }

        return x;
    }

    private static Gen<(int N, int M, int D, int K, Layout Layout, int Seed)> Cases(int maxN) =>
        from n in Gen.Choose(1, maxN)
        from m in Gen.Choose(1, 11)
        from d in Gen.Choose(1, 10)
        from k in Gen.Choose(1, n + 1)
        from layout in Gen.Elements(Enum.GetValues<Layout>())
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select (n, m, d, k, layout, seed);

    private static void AssertClose(double[] expected, double[] actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * (1 + Math.Abs(expected[i])), $"{context}: value[{i}] = {actual[i]}, brute force {expected[i]}");
        }
    }

    [Fact]
    public void Classification_closed_form_equals_brute_force_Shapley_of_the_knn_accuracy_utility()
    {
        Properties.ForAll(Cases(9).ToArbitrary(), c =>
        {
            var random = new Random(c.Seed);
            float[,] train = Features(c.N, c.D, c.Layout, random);
            float[,] valid = Features(c.M, c.D, c.Layout, random);
            int[] labels = Enumerable.Range(0, c.N).Select(_ => random.Next(3)).ToArray();
            int[] validLabels = Enumerable.Range(0, c.M).Select(_ => random.Next(3)).ToArray();
            double[] expected = KnnShapleyBruteForce.Classification(train, labels, valid, validLabels, c.K);
            double[] actual = KnnShapley.Classification(new ReadOnlySpan2D<float>(train), labels, new ReadOnlySpan2D<float>(valid), validLabels, c.K);
            AssertClose(expected, actual, $"{c}");
        }, maxTest: 120);
    }

    [Fact]
    public void Regression_closed_form_equals_brute_force_Shapley_of_the_negative_squared_error_utility()
    {
        Properties.ForAll(Cases(9).ToArbitrary(), c =>
        {
            var random = new Random(c.Seed);
            float[,] train = Features(c.N, c.D, c.Layout, random);
            float[,] valid = Features(c.M, c.D, c.Layout, random);
            float[] targets = Enumerable.Range(0, c.N).Select(_ => (4f * random.NextSingle()) - 2f).ToArray();
            float[] validTargets = Enumerable.Range(0, c.M).Select(_ => (4f * random.NextSingle()) - 2f).ToArray();
            double[] expected = KnnShapleyBruteForce.Regression(train, targets, valid, validTargets, c.K);
            double[] actual = KnnShapley.Regression(new ReadOnlySpan2D<float>(train), targets, new ReadOnlySpan2D<float>(valid), validTargets, c.K);
            AssertClose(expected, actual, $"{c}");
        }, maxTest: 120);
    }

    [Fact]
    public void Every_K_from_1_to_n_matches_brute_force_at_n_10_with_duplicate_points()
    {
        var random = new Random(7);
        float[,] train = Features(10, 3, Layout.IntegerGrid, random);
        for (int c = 0; c < 3; c++)
        {
            train[9, c] = train[2, c]; // an exact duplicate: equal distances to every validation point
        }

        float[,] valid = Features(5, 3, Layout.IntegerGrid, random);
        int[] labels = [0, 1, 1, 0, 2, 1, 0, 0, 1, 2];
        int[] validLabels = [1, 0, 2, 1, 0];
        float[] targets = labels.Select(l => l - 0.5f).ToArray();
        float[] validTargets = validLabels.Select(l => l + 0.25f).ToArray();
        for (int k = 1; k <= 10; k++)
        {
            AssertClose(
                KnnShapleyBruteForce.Classification(train, labels, valid, validLabels, k),
                KnnShapley.Classification(new ReadOnlySpan2D<float>(train), labels, new ReadOnlySpan2D<float>(valid), validLabels, k),
                $"classification K={k}");
            AssertClose(
                KnnShapleyBruteForce.Regression(train, targets, valid, validTargets, k),
                KnnShapley.Regression(new ReadOnlySpan2D<float>(train), targets, new ReadOnlySpan2D<float>(valid), validTargets, k),
                $"regression K={k}");
        }
    }

    [Fact]
    public void Classification_values_sum_to_the_full_set_knn_accuracy()
    {
        // Efficiency on sizes too large to enumerate: Σ φ_i = U(D) − U(∅), U(∅) = 0.
        Properties.ForAll(Cases(300).ToArbitrary(), c =>
        {
            var random = new Random(c.Seed);
            float[,] train = Features(c.N, c.D, c.Layout, random);
            float[,] valid = Features(c.M, c.D, c.Layout, random);
            int[] labels = Enumerable.Range(0, c.N).Select(_ => random.Next(3)).ToArray();
            int[] validLabels = Enumerable.Range(0, c.M).Select(_ => random.Next(3)).ToArray();
            double[] values = KnnShapley.Classification(new ReadOnlySpan2D<float>(train), labels, new ReadOnlySpan2D<float>(valid), validLabels, c.K);
            double full = KnnShapleyBruteForce.Utility(train, valid, c.K, -1, (nearest, v) => nearest.Count(j => labels[j] == validLabels[v]) / (double)c.K);
            Assert.True(Math.Abs(values.Sum() - full) <= 1e-9, $"{c}: Σφ = {values.Sum()}, U(D) = {full}");
        }, maxTest: 40);
    }

    [Fact]
    public void Results_are_bitwise_identical_for_one_two_and_all_threads()
    {
        var random = new Random(11);
        float[,] train = Features(257, 13, Layout.Uniform, random);
        float[,] valid = Features(61, 13, Layout.Uniform, random);
        int[] labels = Enumerable.Range(0, 257).Select(_ => random.Next(4)).ToArray();
        int[] validLabels = Enumerable.Range(0, 61).Select(_ => random.Next(4)).ToArray();
        float[] targets = labels.Select(l => (float)l).ToArray();
        float[] validTargets = validLabels.Select(l => (float)l).ToArray();
        double[] one = KnnShapley.Classification(new ReadOnlySpan2D<float>(train), labels, new ReadOnlySpan2D<float>(valid), validLabels, 5, 1);
        double[] regressionOne = KnnShapley.Regression(new ReadOnlySpan2D<float>(train), targets, new ReadOnlySpan2D<float>(valid), validTargets, 5, 1);
        foreach (int threads in new[] { 2, 3, -1 })
        {
            Assert.Equal(one, KnnShapley.Classification(new ReadOnlySpan2D<float>(train), labels, new ReadOnlySpan2D<float>(valid), validLabels, 5, threads));
            Assert.Equal(regressionOne, KnnShapley.Regression(new ReadOnlySpan2D<float>(train), targets, new ReadOnlySpan2D<float>(valid), validTargets, 5, threads));
        }
    }

    [Fact]
    public void Neighbour_order_follows_double_precision_distances_and_lowest_index_on_ties()
    {
        Properties.ForAll(Cases(400).ToArbitrary(), c =>
        {
            var random = new Random(c.Seed);
            float[,] train = Features(c.N, c.D, c.Layout, random);
            float[,] valid = Features(1, c.D, c.Layout, random);
            var distances = new double[c.N];
            var order = new ExactNeighbourOrder(c.N);
            unsafe
            {
                fixed (float* pt = train)
                fixed (double* q = Enumerable.Range(0, c.D).Select(k => (double)valid[0, k]).ToArray())
                {
                    ExactNeighbourOrder.SquaredDistances(q, 1, c.D, new MatrixView(pt, c.N, c.D, c.D), distances);
                }
            }

            int[] actual = order.Sort(distances).ToArray();
            int[] expected = Enumerable.Range(0, c.N).OrderBy(j => Reference.SquaredDistance(valid, 0, train, j)).ThenBy(j => j).ToArray();
            Assert.Equal(expected, actual);
        }, maxTest: 60);
    }

    [Fact]
    public void Sort_orders_by_distance_then_index_across_wide_ranges_and_last_bit_differences()
    {
        // Distances spanning many binades force coarse radix keys; values one ulp apart in double share a float key.
        var cases = from n in Gen.Choose(1, 3000)
                    from spread in Gen.Choose(0, 60)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, spread, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var distances = new double[c.n];
            for (int j = 0; j < c.n; j++)
            {
                double baseValue = Math.Pow(2, random.Next(-c.spread, c.spread + 1)) * (1 + random.Next(4));
                distances[j] = random.Next(3) switch
                {
                    0 => baseValue,
                    1 => Math.BitIncrement(baseValue),
                    _ => baseValue * (1 + (random.NextDouble() * 1e-3)),
                };
            }

            if (c.n > 1 && c.seed % 5 == 0)
            {
                distances[0] = 0;
            }

            int[] expected = Enumerable.Range(0, c.n).OrderBy(j => distances[j]).ThenBy(j => j).ToArray();
            Assert.Equal(expected, new ExactNeighbourOrder(c.n).Sort(distances).ToArray());
        }, maxTest: 60);
    }

    [Fact]
    public void Bad_inputs_throw_ArgumentException_naming_the_parameter()
    {
        float[,] train = Reference.RandomMatrix(4, 2, 1);
        float[,] valid = Reference.RandomMatrix(3, 2, 2);
        int[] labels = [0, 1, 0, 1];
        int[] validLabels = [1, 0, 1];
        float[] targets = [1, 2, 3, 4];
        float[] validTargets = [1, 2, 3];

        void Classify(float[,] t, int[] l, float[,] v, int[] vl, int k) =>
            KnnShapley.Classification(new ReadOnlySpan2D<float>(t), l, new ReadOnlySpan2D<float>(v), vl, k);

        Assert.Equal("neighbors", Assert.Throws<ArgumentException>(() => Classify(train, labels, valid, validLabels, 0)).ParamName);
        Assert.Equal("training", Assert.Throws<ArgumentException>(() => Classify(new float[0, 2], [], valid, validLabels, 1)).ParamName);
        Assert.Equal("validation", Assert.Throws<ArgumentException>(() => Classify(train, labels, new float[0, 2], [], 1)).ParamName);
        Assert.Equal("validation", Assert.Throws<ArgumentException>(() => Classify(train, labels, Reference.RandomMatrix(3, 3, 2), validLabels, 1)).ParamName);
        Assert.Equal("trainingLabels", Assert.Throws<ArgumentException>(() => Classify(train, [0, 1], valid, validLabels, 1)).ParamName);
        Assert.Equal("validationLabels", Assert.Throws<ArgumentException>(() => Classify(train, labels, valid, [0], 1)).ParamName);
        float[,] nan = (float[,])train.Clone();
        nan[2, 1] = float.NaN;
        Assert.Equal("training", Assert.Throws<ArgumentException>(() => Classify(nan, labels, valid, validLabels, 1)).ParamName);
        float[,] inf = (float[,])valid.Clone();
        inf[0, 0] = float.PositiveInfinity;
        Assert.Equal("validation", Assert.Throws<ArgumentException>(() => Classify(train, labels, inf, validLabels, 1)).ParamName);
        Assert.Equal("trainingTargets", Assert.Throws<ArgumentException>(() =>
            KnnShapley.Regression(new ReadOnlySpan2D<float>(train), [1, float.NaN, 3, 4], new ReadOnlySpan2D<float>(valid), validTargets, 2)).ParamName);
        Assert.Equal("validationTargets", Assert.Throws<ArgumentException>(() =>
            KnnShapley.Regression(new ReadOnlySpan2D<float>(train), targets, new ReadOnlySpan2D<float>(valid), [1, 2], 2)).ParamName);
    }
}
