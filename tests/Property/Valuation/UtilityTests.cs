using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Valuation;
using FastCoverage.Valuation.Learners;
using FastCoverage.Valuation.Utilities;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Valuation;

public class UtilityTests
{
    private static int[] RandomLabels(int n, int classes, Random random) => Enumerable.Range(0, n).Select(_ => random.Next(classes)).ToArray();

    private static int[] RandomOrder(int n, Random random)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        return order;
    }

    [Fact]
    public void Incremental_ridge_equals_a_from_scratch_fit_after_every_added_point()
    {
        var cases = from n in Gen.Choose(1, 25)
                    from d in Gen.Choose(1, 13) // vector bodies and scalar tails of the d-length loops
                    from classes in Gen.Choose(1, 4)
                    from lambdaExponent in Gen.Choose(-2, 1)
                    from nv in Gen.Choose(1, 75) // past 4 float panels, so every branch of RidgeScoreUpdate runs
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, classes, nv, lambda: Math.Pow(10, lambdaExponent), seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            float[,] x = Reference.RandomMatrix(c.n, c.d, c.seed);
            float[,] xv = Reference.RandomMatrix(c.nv, c.d, c.seed + 1);
            int[] labels = RandomLabels(c.n, c.classes, random);
            int[] validLabels = RandomLabels(c.nv, c.classes, random);
            var accuracy = new RidgeUtility(x, labels, xv, validLabels, c.classes, c.lambda);
            var mse = new RidgeUtility(x, labels, xv, validLabels, c.classes, c.lambda, RidgeMetric.NegativeMeanSquaredError);
            var accuracyState = (RidgeUtility.State)accuracy.CreateState();
            var mseState = mse.CreateState();
            int[] order = RandomOrder(c.n, random);
            for (int step = 0; step <= c.n; step++)
            {
                int[] prefix = order[..step];
                var fit = RidgeClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, prefix, c.classes, c.lambda);
                double scale = 1;
                for (int k = 0; k < c.classes; k++)
                {
                    for (int j = 0; j < c.d; j++)
                    {
                        double expected = fit.ClassWeights(k)[j];
                        scale = Math.Max(scale, Math.Abs(expected));
                        Assert.True(Math.Abs(accuracyState.Weights[(k * c.d) + j] - expected) <= 1e-9 * scale, $"step {step}: W[{j},{k}]");
                    }
                }

                Assert.Equal(fit.Accuracy(new ReadOnlySpan2D<float>(xv), validLabels), accuracyState.Value);
                double referenceMse = 0;
                for (int v = 0; v < c.nv; v++)
                {
                    for (int k = 0; k < c.classes; k++)
                    {
                        double score = Enumerable.Range(0, c.d).Sum(j => xv[v, j] * fit.ClassWeights(k)[j]);
                        double target = validLabels[v] == k ? 1 : 0;
                        referenceMse += (score - target) * (score - target) / c.nv;
                    }
                }

                Assert.True(Math.Abs(-referenceMse - mseState.Value) <= 1e-9 * (1 + referenceMse), $"step {step}: MSE {mseState.Value} vs {-referenceMse}");
                if (step < c.n)
                {
                    accuracyState.Add(order[step]);
                    mseState.Add(order[step]);
                }
            }
        }, maxTest: 60);
    }

    [Fact]
    public void Knn_utility_equals_the_accuracy_of_a_classifier_fitted_on_every_prefix()
    {
        var cases = from n in Gen.Choose(1, 25)
                    from d in Gen.Choose(1, 4)
                    from classes in Gen.Choose(1, 4)
                    from k in Gen.Choose(1, 6)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, classes, k, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            float[,] x = Reference.IntegerGrid(c.n, c.d, -2, 3, random); // integer grid: many exact distance ties
            float[,] xv = Reference.IntegerGrid(15, c.d, -2, 3, random);
            int[] labels = RandomLabels(c.n, c.classes, random);
            int[] validLabels = RandomLabels(15, c.classes, random);
            var utility = new KnnUtility(new ReadOnlyMemory2D<float>(x), labels, new ReadOnlyMemory2D<float>(xv), validLabels, c.classes, c.k);
            var state = utility.CreateState();
            int[] order = RandomOrder(c.n, random);
            for (int step = 0; step <= c.n; step++)
            {
                var fit = KnnClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, order[..step], c.classes, c.k);
                Assert.Equal(fit.Accuracy(new ReadOnlySpan2D<float>(xv), validLabels), state.Value);
                if (step < c.n)
                {
                    state.Add(order[step]);
                }
            }
        }, maxTest: 80);
    }

    [Fact]
    public void Facility_location_equals_the_sum_of_best_similarities_on_every_prefix()
    {
        var cases = from n in Gen.Choose(1, 20)
                    from m in Gen.Choose(1, 40)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] players = Reference.RandomMatrix(c.n, 3, c.seed);
            float[,] represented = Reference.RandomMatrix(c.m, 3, c.seed + 1);
            var utility = FacilityLocationUtility.FromFeatures(players, represented, Kernel.Cosine);
            var state = utility.CreateState();
            int[] order = RandomOrder(c.n, new Random(c.seed));
            for (int step = 1; step <= c.n; step++)
            {
                state.Add(order[step - 1]);
                double expected = 0;
                for (int u = 0; u < c.m; u++)
                {
                    double best = 0; // the running maximum starts at 0
                    foreach (int j in order[..step])
                    {
                        double cosine = Reference.Dot(players, j, represented, u) / Math.Sqrt(Reference.Dot(players, j, players, j) * Reference.Dot(represented, u, represented, u));
                        best = Math.Max(best, cosine);
                    }

                    expected += best;
                }

                Assert.True(Math.Abs(expected - state.Value) <= 1e-5 * c.m, $"step {step}: {state.Value} vs {expected}");
            }
        }, maxTest: 60);
    }

    [Fact]
    public void Latent_mode_game_values_the_covered_modes_and_its_negative_risk_differs_by_the_total_cost()
    {
        int[] modeOf = [0, 0, 1, 2, 2, 2];
        double[] rho = [1.5, 0.25, 2];
        var covered = new LatentModeUtility(modeOf, rho);
        var risk = new LatentModeUtility(modeOf, rho, negativeRisk: true);
        for (int mask = 0; mask < 1 << 6; mask++)
        {
            int[] members = Subsets.Members(mask, 6);
            double expected = members.Select(i => modeOf[i]).Distinct().Sum(j => rho[j]);
            Assert.Equal(expected, covered.Evaluate(members), 12);
            Assert.Equal(expected - 3.75, risk.Evaluate(members), 12);
        }
    }

    [Fact]
    public void Copied_states_continue_exactly_like_the_original()
    {
        var random = new Random(5);
        float[,] x = Reference.RandomMatrix(10, 3, 1);
        float[,] xv = Reference.RandomMatrix(7, 3, 2);
        int[] labels = RandomLabels(10, 3, random);
        int[] validLabels = RandomLabels(7, 3, random);
        IUtility[] utilities =
        [
            new RidgeUtility(x, labels, xv, validLabels, 3, 0.1, RidgeMetric.NegativeMeanSquaredError),
            new KnnUtility(new ReadOnlyMemory2D<float>(x), labels, new ReadOnlyMemory2D<float>(xv), validLabels, 3, 3),
            FacilityLocationUtility.FromFeatures(x, xv, Kernel.Rbf(0.5f)),
            new LatentModeUtility(labels, [1, 2, 3]),
        ];
        foreach (IUtility utility in utilities)
        {
            var original = utility.CreateState();
            var copy = utility.CreateState();
            copy.Add(9);
            original.Add(3);
            original.Add(1);
            original.CopyTo(copy);
            Assert.Equal(original.Value, copy.Value);
            original.Add(7);
            copy.Add(7);
            Assert.Equal(original.Value, copy.Value);
            copy.Reset();
            Assert.Equal(utility.CreateState().Value, copy.Value);
            Assert.Throws<ArgumentException>(() => original.CopyTo(utilities[utility is LatentModeUtility ? 0 : 3].CreateState()));
        }
    }

    [Fact]
    public void Latent_mode_game_has_LOO_zero_and_Shapley_rho_over_mode_size_when_modes_have_two_or_more_points()
    {
        var cases = from modes in Gen.Choose(1, 4)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (modes, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            int[] sizes = Enumerable.Range(0, c.modes).Select(_ => random.Next(2, 5)).ToArray();
            double[] rho = Enumerable.Range(0, c.modes).Select(_ => random.NextDouble() * 3).ToArray();
            int[] modeOf = Enumerable.Range(0, c.modes).SelectMany(j => Enumerable.Repeat(j, sizes[j])).ToArray();
            random.Shuffle(modeOf);
            if (modeOf.Length > ExactSemivalue.MaxPlayers)
            {
                return;
            }

            var game = new LatentModeUtility(modeOf, rho, negativeRisk: true);
            Assert.All(LeaveOneOut.Compute(game).Values, v => Assert.True(Math.Abs(v) <= 1e-12, $"LOO {v}")); // 0 up to summation order
            double[] shapley = ExactSemivalue.Shapley(game).Values;
            for (int i = 0; i < modeOf.Length; i++)
            {
                Assert.True(Math.Abs(shapley[i] - (rho[modeOf[i]] / sizes[modeOf[i]])) <= 1e-12, $"point {i}: {shapley[i]}");
            }
        }, maxTest: 40);
    }

    [Fact]
    public void Bad_utility_arguments_throw_ArgumentException_naming_the_parameter()
    {
        float[,] x = Reference.RandomMatrix(4, 2, 1);
        int[] labels = [0, 1, 0, 1];
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => new RidgeUtility(x, labels, x, labels, 2, -1)).ParamName);
        Assert.Equal("validX", Assert.Throws<ArgumentException>(() => new RidgeUtility(x, labels, new float[4, 3], labels, 2, 1)).ParamName);
        Assert.Equal("validLabels", Assert.Throws<ArgumentException>(() => new RidgeUtility(x, labels, x, [0, 5, 0, 0], 2, 1)).ParamName);
        Assert.Equal("neighbors", Assert.Throws<ArgumentException>(() => new KnnUtility(new ReadOnlyMemory2D<float>(x), labels, new ReadOnlyMemory2D<float>(x), labels, 2, 0)).ParamName);
        Assert.Equal("rho", Assert.Throws<ArgumentException>(() => new LatentModeUtility([0], [-1])).ParamName);
        Assert.Equal("modeOf", Assert.Throws<ArgumentException>(() => new LatentModeUtility([1], [1])).ParamName);
        Assert.Equal("kernel", Assert.Throws<ArgumentException>(() => FacilityLocationUtility.FromFeatures(x, x, Kernel.SquaredEuclidean)).ParamName);
        x[0, 0] = float.PositiveInfinity;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new RidgeUtility(x, labels, x, labels, 2, 1)).ParamName);
        Assert.Equal("similarity", Assert.Throws<ArgumentException>(() => FacilityLocationUtility.FromSimilarity(x)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatentModeUtility([0], [1]).CreateState().Add(1));
    }
}
