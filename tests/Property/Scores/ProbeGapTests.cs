using CommunityToolkit.HighPerformance;
using FastCoverage.Scores;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace FastCoverage.Tests.Scores;

public class ProbeGapTests
{
    /// <summary>Validation accuracy of W = (XᵀX + λI)⁻¹XᵀY (one-hot Y), predicting argmax with ties to the lowest class.</summary>
    private static double NaiveProbeAccuracy(float[,] train, int[] labels, float[,] valid, int[] validLabels, int classes, double lambda)
    {
        Matrix<double> x = Matrix<double>.Build.Dense(train.GetLength(0), train.GetLength(1), (i, j) => train[i, j]);
        Matrix<double> y = Matrix<double>.Build.Dense(labels.Length, classes, (i, c) => labels[i] == c ? 1 : 0);
        Matrix<double> w = (x.TransposeThisAndMultiply(x) + (lambda * Matrix<double>.Build.DenseIdentity(x.ColumnCount))).Inverse() * x.TransposeThisAndMultiply(y);
        Matrix<double> scores = Matrix<double>.Build.Dense(valid.GetLength(0), valid.GetLength(1), (i, j) => valid[i, j]) * w;
        int correct = 0;
        for (int i = 0; i < validLabels.Length; i++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                best = scores[i, c] > scores[i, best] ? c : best;
            }

            correct += best == validLabels[i] ? 1 : 0;
        }

        return (double)correct / validLabels.Length;
    }

    [Fact]
    public void Gap_is_the_difference_of_naive_ridge_probe_accuracies_on_the_two_representations()
    {
        var cases = from n in Gen.Choose(3, 60)
                    from m in Gen.Choose(1, 40)
                    from dA in Gen.Choose(1, 12)
                    from dB in Gen.Choose(1, 12)
                    from classes in Gen.Choose(1, 5)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, dA, dB, classes, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            int[] labels = Enumerable.Range(0, c.n).Select(_ => random.Next(c.classes)).ToArray();
            int[] validLabels = Enumerable.Range(0, c.m).Select(_ => random.Next(c.classes)).ToArray();

            // A carries the label in its first column (plus noise); B is noise only.
            float[,] Embed(int[] l, int rows, int d, int seed)
            {
                float[,] x = Reference.RandomMatrix(rows, d, seed, 0.3f);
                for (int i = 0; i < rows; i++)
                {
                    x[i, 0] += l[i];
                }

                return x;
            }

            float[,] trainA = Embed(labels, c.n, c.dA, c.seed), validA = Embed(validLabels, c.m, c.dA, c.seed + 1);
            float[,] trainB = Reference.RandomMatrix(c.n, c.dB, c.seed + 2), validB = Reference.RandomMatrix(c.m, c.dB, c.seed + 3);
            double expected = NaiveProbeAccuracy(trainA, labels, validA, validLabels, c.classes, 0.5) - NaiveProbeAccuracy(trainB, labels, validB, validLabels, c.classes, 0.5);
            double gap = ProbeGap.Compute(
                new ReadOnlySpan2D<float>(trainA), new ReadOnlySpan2D<float>(validA), new ReadOnlySpan2D<float>(trainB), new ReadOnlySpan2D<float>(validB), labels, validLabels, c.classes, 0.5);
            Assert.True(Math.Abs(gap - expected) <= 1e-12, $"{c}: gap {gap}, naive {expected}");
            double self = ProbeGap.Compute(
                new ReadOnlySpan2D<float>(trainA), new ReadOnlySpan2D<float>(validA), new ReadOnlySpan2D<float>(trainA), new ReadOnlySpan2D<float>(validA), labels, validLabels, c.classes, 0.5);
            Assert.Equal(0.0, self);
        }, maxTest: 60);
    }

    [Fact]
    public void Bad_inputs_throw_ArgumentException_naming_the_parameter()
    {
        float[,] a = Reference.RandomMatrix(4, 2, 1), va = Reference.RandomMatrix(3, 2, 2);
        float[,] b = Reference.RandomMatrix(4, 3, 3), vb = Reference.RandomMatrix(3, 3, 4);
        int[] labels = [0, 1, 0, 1], validLabels = [1, 0, 1];

        string? Gap(float[,] ta, float[,] tva, float[,] tb, float[,] tvb, int[] l, int[] vl, int classes, double lambda) =>
            Assert.Throws<ArgumentException>(() => ProbeGap.Compute(
                new ReadOnlySpan2D<float>(ta), new ReadOnlySpan2D<float>(tva), new ReadOnlySpan2D<float>(tb), new ReadOnlySpan2D<float>(tvb), l, vl, classes, lambda)).ParamName;

        Assert.Equal("trainingB", Gap(a, va, Reference.RandomMatrix(5, 3, 3), vb, labels, validLabels, 2, 1));
        Assert.Equal("validationB", Gap(a, va, b, Reference.RandomMatrix(2, 3, 3), labels, validLabels, 2, 1));
        Assert.Equal("validation", Gap(a, Reference.RandomMatrix(3, 5, 2), b, vb, labels, validLabels, 2, 1));
        Assert.Equal("trainingLabels", Gap(a, va, b, vb, [0, 1, 0], validLabels, 2, 1));
        Assert.Equal("trainingLabels", Gap(a, va, b, vb, [0, 1, 2, 1], validLabels, 2, 1));
        Assert.Equal("validationLabels", Gap(a, va, b, vb, labels, [0, -1, 1], 2, 1));
        Assert.Equal("classCount", Gap(a, va, b, vb, labels, validLabels, 0, 1));
        Assert.Equal("lambda", Gap(a, va, b, vb, labels, validLabels, 2, 0));
        Assert.Equal("trainingB", Gap(a, va, new float[0, 3], vb, labels, validLabels, 2, 1));
        b[0, 0] = float.NaN;
        Assert.Equal("trainingB", Gap(a, va, b, vb, labels, validLabels, 2, 1));
    }
}
