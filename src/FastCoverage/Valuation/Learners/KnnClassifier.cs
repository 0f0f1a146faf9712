using CommunityToolkit.HighPerformance;

namespace FastCoverage.Valuation.Learners;

/// <summary>
/// k-nearest-neighbour classifier under the Euclidean distance (computed by direct differences in double): the
/// majority label among the k training rows nearest to the query, distance ties broken by the lowest row index of
/// x and vote ties by the lowest class. With fewer than k training rows all of them vote; with none, class 0 is
/// predicted. Prediction costs O(|S|·d) per query.
/// </summary>
public sealed class KnnClassifier : Classifier
{
    private readonly float[] _points;   // |S| × d, copied training rows
    private readonly int[] _indices;    // row index in x of each stored point
    private readonly int[] _labels;     // label of each stored point

    private KnnClassifier(int featureCount, int classCount, int neighbors, float[] points, int[] indices, int[] labels)
        : base(featureCount, classCount)
    {
        Neighbors = neighbors;
        _points = points;
        _indices = indices;
        _labels = labels;
    }

    /// <summary>The number of neighbours k that vote.</summary>
    public int Neighbors { get; }

    /// <summary>The number of stored training rows |S|.</summary>
    public int TrainingCount => _indices.Length;

    /// <summary>Fits on every row of <paramref name="x"/>.</summary>
    /// <inheritdoc cref="Fit(ReadOnlySpan2D{float}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, int)"/>
    public static KnnClassifier Fit(ReadOnlySpan2D<float> x, ReadOnlySpan<int> labels, int classCount, int neighbors) =>
        Fit(x, labels, TrainingSet.AllRows(x.Height), classCount, neighbors);

    /// <summary>Stores the rows of <paramref name="x"/> listed in <paramref name="rows"/> (repeats are stored again).</summary>
    /// <param name="x">Features, n×d.</param>
    /// <param name="labels">Labels of all n rows, in [0, classCount).</param>
    /// <param name="rows">The training rows S.</param>
    /// <param name="classCount">The number of classes C ≥ 1.</param>
    /// <param name="neighbors">k ≥ 1.</param>
    /// <exception cref="ArgumentException">Shapes disagree, an index or label is out of range, a value is not finite, or k &lt; 1.</exception>
    public static KnnClassifier Fit(ReadOnlySpan2D<float> x, ReadOnlySpan<int> labels, ReadOnlySpan<int> rows, int classCount, int neighbors)
    {
        if (neighbors < 1)
        {
            throw new ArgumentException($"neighbors must be at least 1 (was {neighbors}).", nameof(neighbors));
        }

        TrainingSet.Validate(x, labels, rows, classCount);
        int d = x.Width;
        var points = new float[rows.Length * d];
        var indices = rows.ToArray();
        var stored = new int[rows.Length];
        for (int s = 0; s < rows.Length; s++)
        {
            x.GetRowSpan(rows[s]).CopyTo(points.AsSpan(s * d, d));
            stored[s] = labels[rows[s]];
        }

        return new KnnClassifier(d, classCount, neighbors, points, indices, stored);
    }

    /// <inheritdoc/>
    private protected override void PredictCore(ReadOnlySpan2D<float> x, Span<int> destination)
    {
        int d = FeatureCount;
        int k = Math.Min(Neighbors, _indices.Length);
        var nearestDistance = new double[k];
        var nearest = new int[k]; // positions in the stored arrays, sorted by (distance, row index)
        var votes = new int[ClassCount];
        for (int q = 0; q < x.Height; q++)
        {
            ReadOnlySpan<float> query = x.GetRowSpan(q);
            int count = 0;
            for (int s = 0; s < _indices.Length; s++)
            {
                double distance = PreciseDistance.SquaredEuclidean(query, _points.AsSpan(s * d, d));
                if (count == k && !Closer(distance, _indices[s], nearestDistance[k - 1], _indices[nearest[k - 1]]))
                {
                    continue;
                }

                int slot = count < k ? count++ : k - 1;
                while (slot > 0 && Closer(distance, _indices[s], nearestDistance[slot - 1], _indices[nearest[slot - 1]]))
                {
                    nearestDistance[slot] = nearestDistance[slot - 1];
                    nearest[slot] = nearest[slot - 1];
                    slot--;
                }

                nearestDistance[slot] = distance;
                nearest[slot] = s;
            }

            votes.AsSpan().Clear();
            for (int j = 0; j < count; j++)
            {
                votes[_labels[nearest[j]]]++;
            }

            int best = 0;
            for (int c = 1; c < votes.Length; c++)
            {
                if (votes[c] > votes[best])
                {
                    best = c;
                }
            }

            destination[q] = best;
        }
    }

    private static bool Closer(double distance, int index, double otherDistance, int otherIndex) =>
        distance < otherDistance || (distance == otherDistance && index < otherIndex);
}
