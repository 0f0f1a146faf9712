using System.Numerics.Tensors;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.Valuation.Learners;

/// <summary>
/// One-vs-rest ridge-regression classifier: W = (XₛᵀXₛ + λI)⁻¹ XₛᵀYₛ with Yₛ the one-hot (0/1) labels of the training
/// rows S, no intercept (append a constant feature for one); predicts argmax_c (xᵀW)_c, ties to the lowest class.
/// Fitting costs O(|S|·d² + d³ + d²·C) in double precision.
/// </summary>
public sealed class RidgeClassifier : Classifier
{
    private readonly double[] _weights; // C × d: row c holds the weights of class c.

    private RidgeClassifier(int featureCount, int classCount, double lambda, double[] weights)
        : base(featureCount, classCount)
    {
        Lambda = lambda;
        _weights = weights;
    }

    /// <summary>The ridge penalty λ.</summary>
    public double Lambda { get; }

    /// <summary>Fits on every row of <paramref name="x"/>.</summary>
    /// <inheritdoc cref="Fit(ReadOnlySpan2D{float}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, double)"/>
    public static RidgeClassifier Fit(ReadOnlySpan2D<float> x, ReadOnlySpan<int> labels, int classCount, double lambda) =>
        Fit(x, labels, TrainingSet.AllRows(x.Height), classCount, lambda);

    /// <summary>
    /// Fits on the rows of <paramref name="x"/> listed in <paramref name="rows"/> (a row listed twice counts twice, as in
    /// a bootstrap sample; no rows gives W = 0, which predicts class 0).
    /// </summary>
    /// <param name="x">Features, n×d.</param>
    /// <param name="labels">Labels of all n rows, in [0, classCount).</param>
    /// <param name="rows">The training rows S.</param>
    /// <param name="classCount">The number of classes C ≥ 1.</param>
    /// <param name="lambda">The penalty λ &gt; 0.</param>
    /// <exception cref="ArgumentException">Shapes disagree, an index or label is out of range, a value is not finite, or λ ≤ 0.</exception>
    public static RidgeClassifier Fit(ReadOnlySpan2D<float> x, ReadOnlySpan<int> labels, ReadOnlySpan<int> rows, int classCount, double lambda)
    {
        Finite.ThrowIfNotPositive(lambda, nameof(lambda));

        TrainingSet.Validate(x, labels, rows, classCount);
        int d = x.Width;
        var gram = new double[d * d];   // lower triangle of XₛᵀXₛ + λI
        var rhs = new double[d * classCount]; // XₛᵀYₛ, d × C
        var row = new double[d];
        foreach (int r in rows)
        {
            TensorPrimitives.ConvertChecked<float, double>(x.GetRowSpan(r), row);
            for (int a = 0; a < d; a++)
            {
                Span<double> gramRow = gram.AsSpan(a * d, a + 1);
                TensorPrimitives.MultiplyAdd(row.AsSpan(0, a + 1), row[a], gramRow, gramRow);
                rhs[(a * classCount) + labels[r]] += row[a];
            }
        }

        for (int a = 0; a < d; a++)
        {
            gram[(a * d) + a] += lambda;
        }

        if (!Cholesky.Factor(gram, d))
        {
            throw new ArgumentException("XᵀX + λI is not numerically positive definite; increase lambda.", nameof(lambda));
        }

        Cholesky.Solve(gram, d, rhs, classCount);
        var weights = new double[classCount * d];
        for (int a = 0; a < d; a++)
        {
            for (int c = 0; c < classCount; c++)
            {
                weights[(c * d) + a] = rhs[(a * classCount) + c];
            }
        }

        return new RidgeClassifier(d, classCount, lambda, weights);
    }

    /// <summary>The d weights of class <paramref name="classIndex"/> (column c of W).</summary>
    public ReadOnlySpan<double> ClassWeights(int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, ClassCount);
        return _weights.AsSpan(classIndex * FeatureCount, FeatureCount);
    }

    /// <inheritdoc/>
    private protected override void PredictCore(ReadOnlySpan2D<float> x, Span<int> destination)
    {
        int d = FeatureCount;
        var row = new double[d];
        for (int i = 0; i < x.Height; i++)
        {
            TensorPrimitives.ConvertChecked<float, double>(x.GetRowSpan(i), row);
            int best = 0;
            double bestScore = TensorPrimitives.Dot(row, _weights.AsSpan(0, d));
            for (int c = 1; c < ClassCount; c++)
            {
                double score = TensorPrimitives.Dot(row, _weights.AsSpan(c * d, d));
                if (score > bestScore)
                {
                    best = c;
                    bestScore = score;
                }
            }

            destination[i] = best;
        }
    }
}
