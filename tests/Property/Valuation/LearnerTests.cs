using CommunityToolkit.HighPerformance;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Valuation.Learners;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace FastCoverage.Tests.Valuation;

public class LearnerTests
{
    private static (float[,] X, int[] Labels, int[] Rows) RandomTrainingSet(int n, int d, int classes, int subset, int seed, bool grid)
    {
        var random = new Random(seed);
        var x = new float[n, d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                // Integer grid values make exact distance ties common; uniform values exercise the general case.
                x[i, j] = grid ? random.Next(-2, 3) : (2f * random.NextSingle()) - 1f;
            }
        }

        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.Next(classes);
        }

        var rows = new int[subset];
        for (int s = 0; s < subset; s++)
        {
            rows[s] = random.Next(n); // with repeats, as a bootstrap sample
        }

        return (x, labels, rows);
    }

    /// <summary>W = (XₛᵀXₛ + λI)⁻¹XₛᵀYₛ by MathNet's dense solve on the explicit normal equations.</summary>
    private static Matrix<double> ReferenceRidgeWeights(float[,] x, int[] labels, int[] rows, int classes, double lambda)
    {
        int d = x.GetLength(1);
        var xs = Matrix<double>.Build.Dense(rows.Length, d, (s, j) => x[rows[s], j]);
        var ys = Matrix<double>.Build.Dense(rows.Length, classes, (s, c) => labels[rows[s]] == c ? 1.0 : 0.0);
        var a = xs.TransposeThisAndMultiply(xs) + (lambda * Matrix<double>.Build.DenseIdentity(d));
        return a.Solve(xs.TransposeThisAndMultiply(ys));
    }

    [Fact]
    public void Ridge_weights_equal_a_direct_normal_equations_solve_and_predictions_its_argmax()
    {
        var cases = from n in Gen.Choose(1, 30)
                    from d in Gen.Choose(1, 12)
                    from classes in Gen.Choose(1, 5)
                    from subset in Gen.Choose(0, 40)
                    from lambdaExponent in Gen.Choose(-3, 2)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, classes, subset, lambda: Math.Pow(10, lambdaExponent), seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (x, labels, rows) = RandomTrainingSet(c.n, c.d, c.classes, c.subset, c.seed, grid: false);
            var model = RidgeClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, rows, c.classes, c.lambda);
            var w = ReferenceRidgeWeights(x, labels, rows, c.classes, c.lambda);
            double scale = 1 + w.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
            for (int k = 0; k < c.classes; k++)
            {
                for (int j = 0; j < c.d; j++)
                {
                    Assert.True(Math.Abs(model.ClassWeights(k)[j] - w[j, k]) <= 1e-8 * scale, $"W[{j},{k}] = {model.ClassWeights(k)[j]}, expected {w[j, k]}");
                }
            }

            float[,] queries = Reference.RandomMatrix(15, c.d, c.seed + 7);
            int[] predicted = model.Predict(new ReadOnlySpan2D<float>(queries));
            for (int q = 0; q < 15; q++)
            {
                var scores = Enumerable.Range(0, c.classes)
                    .Select(k => Enumerable.Range(0, c.d).Sum(j => queries[q, j] * w[j, k])).ToArray();
                double top = scores.Max();
                int expected = Array.IndexOf(scores, top);
                bool clearWinner = scores.Where((s, k) => k != expected).All(s => top - s > 1e-9 * scale);
                if (clearWinner)
                {
                    Assert.Equal(expected, predicted[q]);
                }
            }
        }, maxTest: 100);
    }

    [Fact]
    public void Ridge_on_no_rows_has_zero_weights_and_predicts_class_zero()
    {
        var x = new float[,] { { 1, 2 }, { 3, 4 } };
        var model = RidgeClassifier.Fit(new ReadOnlySpan2D<float>(x), [1, 2], [], 3, 0.5);
        for (int k = 0; k < 3; k++)
        {
            Assert.All(model.ClassWeights(k).ToArray(), v => Assert.Equal(0.0, v));
        }

        Assert.Equal([0, 0], model.Predict(new ReadOnlySpan2D<float>(x)));
    }

    /// <summary>Majority label among the k nearest by (double distance, row index); vote ties to the lowest class.</summary>
    private static int ReferenceKnn(float[,] x, int[] labels, int[] rows, int classes, int k, float[,] queries, int q)
    {
        if (rows.Length == 0)
        {
            return 0;
        }

        var nearest = rows.Select(r => (Distance: Reference.SquaredDistance(queries, q, x, r), Row: r))
            .OrderBy(t => t.Distance).ThenBy(t => t.Row).Take(k);
        var votes = new int[classes];
        foreach (var (_, row) in nearest)
        {
            votes[labels[row]]++;
        }

        return Array.IndexOf(votes, votes.Max());
    }

    [Fact]
    public void Knn_predictions_equal_sorting_all_distances_with_ties_by_lowest_index_and_lowest_class()
    {
        var cases = from n in Gen.Choose(1, 30)
                    from d in Gen.Choose(1, 6)
                    from classes in Gen.Choose(1, 4)
                    from subset in Gen.Choose(0, 40)
                    from k in Gen.Choose(1, 9)
                    from grid in Gen.Elements(true, false)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, classes, subset, k, grid, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (x, labels, rows) = RandomTrainingSet(c.n, c.d, c.classes, c.subset, c.seed, c.grid);
            var (queries, _, _) = RandomTrainingSet(20, c.d, 1, 0, c.seed + 3, c.grid);
            var model = KnnClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, rows, c.classes, c.k);
            int[] predicted = model.Predict(new ReadOnlySpan2D<float>(queries));
            for (int q = 0; q < 20; q++)
            {
                Assert.Equal(ReferenceKnn(x, labels, rows, c.classes, c.k, queries, q), predicted[q]);
            }
        }, maxTest: 150);
    }

    [Fact]
    public void Accuracy_is_the_fraction_of_matching_predictions()
    {
        var (x, labels, rows) = RandomTrainingSet(25, 3, 3, 25, 11, grid: false);
        var model = KnnClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, rows, 3, 3);
        int[] predicted = model.Predict(new ReadOnlySpan2D<float>(x));
        double expected = predicted.Zip(labels).Count(p => p.First == p.Second) / 25.0;
        Assert.Equal(expected, model.Accuracy(new ReadOnlySpan2D<float>(x), labels));
    }

    [Fact]
    public void Bad_arguments_throw_ArgumentException_naming_the_parameter()
    {
        var x = new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } };
        int[] labels = [0, 1, 1];
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => RidgeClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, 2, 0)).ParamName);
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => RidgeClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, 2, double.NaN)).ParamName);
        Assert.Equal("neighbors", Assert.Throws<ArgumentException>(() => KnnClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, 2, 0)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => KnnClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, [0, 3], 2, 1)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => KnnClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, 1, 1)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => RidgeClassifier.Fit(new ReadOnlySpan2D<float>(x), [0, 1], 2, 1)).ParamName);
        Assert.Equal("classCount", Assert.Throws<ArgumentException>(() => RidgeClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, 0, 1)).ParamName);
        x[1, 1] = float.NaN;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => RidgeClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, 2, 1)).ParamName);
        var model = KnnClassifier.Fit(new ReadOnlySpan2D<float>(x), labels, [0, 2], 2, 1);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Predict(new ReadOnlySpan2D<float>(new float[2, 3]))).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Predict(new ReadOnlySpan2D<float>(x))).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => model.Predict(new ReadOnlySpan2D<float>(new float[2, 2]), new int[1])).ParamName);
    }
}
