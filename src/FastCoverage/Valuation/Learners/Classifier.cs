using CommunityToolkit.HighPerformance;

namespace FastCoverage.Valuation.Learners;

/// <summary>
/// A fitted classifier over float feature rows with labels 0 … <see cref="ClassCount"/> − 1. Predictions break
/// ties towards the lowest class, so they are deterministic.
/// </summary>
public abstract class Classifier
{
    private protected Classifier(int featureCount, int classCount)
    {
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>The number of features d every query row must have.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of classes; predictions lie in [0, ClassCount).</summary>
    public int ClassCount { get; }

    /// <summary>Writes the predicted label of each row of <paramref name="x"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">Wrong width, too short a destination, or non-finite values.</exception>
    public void Predict(ReadOnlySpan2D<float> x, Span<int> destination)
    {
        ThrowIfWrongWidth(x, nameof(x));
        if (destination.Length < x.Height)
        {
            throw new ArgumentException($"destination has {destination.Length} elements; {x.Height} are needed.", nameof(destination));
        }

        Finite.ThrowIfNotFinite(x, nameof(x));
        PredictCore(x, destination[..x.Height]);
    }

    /// <summary>The predicted labels of the rows of <paramref name="x"/>.</summary>
    public int[] Predict(ReadOnlySpan2D<float> x)
    {
        var labels = new int[x.Height];
        Predict(x, labels);
        return labels;
    }

    /// <summary>The fraction of rows of <paramref name="x"/> whose prediction equals <paramref name="labels"/>; 0 for no rows.</summary>
    /// <exception cref="ArgumentException">Shapes disagree or values are not finite.</exception>
    public double Accuracy(ReadOnlySpan2D<float> x, ReadOnlySpan<int> labels)
    {
        if (labels.Length != x.Height)
        {
            throw new ArgumentException($"labels has {labels.Length} elements but x has {x.Height} rows.", nameof(labels));
        }

        if (x.Height == 0)
        {
            return 0;
        }

        int[] predicted = Predict(x);
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }

        return (double)correct / predicted.Length;
    }

    /// <summary>Predicts validated, finite rows of the right width.</summary>
    private protected abstract void PredictCore(ReadOnlySpan2D<float> x, Span<int> destination);

    private void ThrowIfWrongWidth(ReadOnlySpan2D<float> x, string parameterName)
    {
        if (x.Width != FeatureCount)
        {
            throw new ArgumentException($"{parameterName} has {x.Width} columns; the classifier was fitted on {FeatureCount}.", parameterName);
        }
    }
}
