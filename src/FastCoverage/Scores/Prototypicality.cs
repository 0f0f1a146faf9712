using System.Numerics.Tensors;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.Scores;

/// <summary>
/// Prototypicality p_i = cos(φ_i, μ_{y_i}), the cosine similarity of each point to the mean of its own class
/// μ_c = (1/|{j : y_j = c}|) Σ_{j : y_j = c} φ_j (the point itself included), one of the per-point scalars of the
/// coverage view of data valuation (§4; "proto" in its Table 1). A zero vector has cosine 0 with everything.
/// </summary>
/// <remarks>Cost O(n·d), in double precision; class sums accumulate rows in index order.</remarks>
public static class Prototypicality
{
    /// <summary>Computes p_i for every row of <paramref name="features"/>.</summary>
    /// <param name="features">Φ, n×d.</param>
    /// <param name="labels">Class labels, length n (any integers).</param>
    /// <returns>p, length n, each in [−1, 1].</returns>
    /// <exception cref="ArgumentException">Φ is empty or not finite, or the label count differs from n.</exception>
    public static double[] Compute(ReadOnlySpan2D<float> features, ReadOnlySpan<int> labels)
    {
        MatrixChecks.ThrowIfEmptyOrNotFinite(features, nameof(features));
        MatrixChecks.ThrowIfLengthDiffers(features, labels.Length, nameof(labels));
        int n = features.Height, d = features.Width;
        var classOf = new int[n];
        var classIds = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            if (!classIds.TryGetValue(labels[i], out int c))
            {
                c = classIds.Count;
                classIds.Add(labels[i], c);
            }

            classOf[i] = c;
        }

        var means = new double[classIds.Count * d];
        var row = new double[d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.ConvertChecked<float, double>(features.GetRowSpan(i), row);
            Span<double> sum = means.AsSpan(classOf[i] * d, d);
            TensorPrimitives.Add(sum, row, sum);
        }

        // Only directions matter for the cosine, so the class sums serve as the means.
        var meanNorms = new double[classIds.Count];
        for (int c = 0; c < meanNorms.Length; c++)
        {
            ReadOnlySpan<double> mean = means.AsSpan(c * d, d);
            meanNorms[c] = Math.Sqrt(TensorPrimitives.Dot(mean, mean));
        }

        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.ConvertChecked<float, double>(features.GetRowSpan(i), row);
            ReadOnlySpan<double> mean = means.AsSpan(classOf[i] * d, d);
            double denominator = Math.Sqrt(TensorPrimitives.Dot(row, row)) * meanNorms[classOf[i]];
            scores[i] = denominator > 0 ? Math.Clamp(TensorPrimitives.Dot(row, mean) / denominator, -1.0, 1.0) : 0.0;
        }

        return scores;
    }
}
