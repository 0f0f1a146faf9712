using CommunityToolkit.HighPerformance;
using FastCoverage.Valuation.Learners;

namespace FastCoverage.Lp.Attribution;

/// <summary>
/// The MSR experiment with one of the valuation learners: fit a <see cref="RidgeClassifier"/> (the default probe) or
/// a <see cref="KnnClassifier"/> on the subset's train rows and mark each test point correct when its prediction
/// equals its label. An empty subset gives the learners' own empty fit (ridge: W = 0, predicting class 0).
/// </summary>
public sealed class ClassifierSubsetLearner : ISubsetLearner
{
    private readonly ReadOnlyMemory2D<float> _train;
    private readonly int[] _labels;
    private readonly ReadOnlyMemory2D<float> _test;
    private readonly int[] _testLabels;
    private readonly int _classCount;
    private readonly Func<ReadOnlySpan2D<float>, int[], int[], int, Classifier> _fit;

    private ClassifierSubsetLearner(ReadOnlyMemory2D<float> train, int[] labels, ReadOnlyMemory2D<float> test, int[] testLabels,
        Func<ReadOnlySpan2D<float>, int[], int[], int, Classifier> fit)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(testLabels);
        if (train.Height < 1 || train.Width < 1)
        {
            throw new ArgumentException($"train is {train.Height} × {train.Width}; it needs at least one row and one column.", nameof(train));
        }

        if (test.Height < 1 || test.Width != train.Width)
        {
            throw new ArgumentException($"test is {test.Height} × {test.Width}; it needs at least one row and the train width {train.Width}.", nameof(test));
        }

        if (labels.Length != train.Height)
        {
            throw new ArgumentException($"labels has {labels.Length} entries but train has {train.Height} rows.", nameof(labels));
        }

        if (testLabels.Length != test.Height)
        {
            throw new ArgumentException($"testLabels has {testLabels.Length} entries but test has {test.Height} rows.", nameof(testLabels));
        }

        RequireNonNegative(labels, nameof(labels));
        RequireNonNegative(testLabels, nameof(testLabels));
        Finite.ThrowIfNotFinite(train.Span, nameof(train));
        Finite.ThrowIfNotFinite(test.Span, nameof(test));
        _train = train;
        _labels = labels;
        _test = test;
        _testLabels = testLabels;
        _classCount = Math.Max(labels.Max(), testLabels.Max()) + 1;
        _fit = fit;
    }

    /// <inheritdoc />
    public int TrainCount => _train.Height;

    /// <inheritdoc />
    public int TestCount => _test.Height;

    /// <summary>The ridge probe: one-vs-rest ridge regression with penalty <paramref name="lambda"/>.</summary>
    /// <param name="train">Train features, n × d, finite.</param>
    /// <param name="labels">Train labels (n), ≥ 0.</param>
    /// <param name="test">Test features, m × d, finite.</param>
    /// <param name="testLabels">Test labels (m), ≥ 0.</param>
    /// <param name="lambda">The ridge penalty λ &gt; 0.</param>
    /// <exception cref="ArgumentException">Shapes disagree, a value is not finite, a label is negative, or λ ≤ 0.</exception>
    public static ClassifierSubsetLearner Ridge(ReadOnlyMemory2D<float> train, int[] labels, ReadOnlyMemory2D<float> test, int[] testLabels, double lambda = 1.0)
    {
        if (!(lambda > 0) || !double.IsFinite(lambda))
        {
            throw new ArgumentException($"lambda must be finite and > 0; got {lambda}.", nameof(lambda));
        }

        return new ClassifierSubsetLearner(train, labels, test, testLabels,
            (x, y, rows, classes) => RidgeClassifier.Fit(x, y, rows, classes, lambda));
    }

    /// <summary>The k-nearest-neighbour classifier with <paramref name="neighbors"/> neighbours.</summary>
    /// <param name="train">Train features, n × d, finite.</param>
    /// <param name="labels">Train labels (n), ≥ 0.</param>
    /// <param name="test">Test features, m × d, finite.</param>
    /// <param name="testLabels">Test labels (m), ≥ 0.</param>
    /// <param name="neighbors">k ≥ 1.</param>
    /// <exception cref="ArgumentException">Shapes disagree, a value is not finite, a label is negative, or k &lt; 1.</exception>
    public static ClassifierSubsetLearner Knn(ReadOnlyMemory2D<float> train, int[] labels, ReadOnlyMemory2D<float> test, int[] testLabels, int neighbors = 5)
    {
        if (neighbors < 1)
        {
            throw new ArgumentException($"neighbors must be at least 1; got {neighbors}.", nameof(neighbors));
        }

        return new ClassifierSubsetLearner(train, labels, test, testLabels,
            (x, y, rows, classes) => KnnClassifier.Fit(x, y, rows, classes, neighbors));
    }

    /// <inheritdoc />
    public void Evaluate(ReadOnlySpan<int> subset, Span<int> correct)
    {
        Classifier model = _fit(_train.Span, _labels, subset.ToArray(), _classCount);
        int[] predicted = model.Predict(_test.Span);
        for (int j = 0; j < predicted.Length; j++)
        {
            correct[j] = predicted[j] == _testLabels[j] ? 1 : 0;
        }
    }

    private static void RequireNonNegative(int[] labels, string parameterName)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentException($"{parameterName} holds {labels[i]} at index {i}; labels must be ≥ 0.", parameterName);
            }
        }
    }
}
