using System.Numerics.Tensors;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Diagnostics;

/// <summary>The coherence μ and a pair of points attaining it.</summary>
/// <param name="Value">μ = max over i ≠ j of |cos(xᵢ, xⱼ)|, in [0, 1].</param>
/// <param name="First">The lower index of the attaining pair (ties: the lexicographically first pair).</param>
/// <param name="Second">The higher index of the attaining pair.</param>
public readonly record struct CoherenceResult(double Value, int First, int Second);

/// <summary>
/// Gram coherence μ = max_{i≠j} |G_ij| of the row-normalized features, G_ij = ⟨xᵢ, xⱼ⟩ / (‖xᵢ‖‖xⱼ‖)
/// (coverage-view App. E: the constant governing the marginal-screening versus forward-selection gap). μ near 1
/// means near-duplicates (redundant geometry); μ near 0 means near-orthogonal points.
/// </summary>
public static class Coherence
{
    /// <summary>
    /// Streams the upper triangle of the cosine Gram matrix through the Gram core in row blocks (no n×n storage;
    /// O(n²·d) time). A zero row has no direction; its cosines are 0.
    /// </summary>
    /// <param name="features">X, n×d with n ≥ 2, finite.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <returns>μ and the first pair (i &lt; j, lexicographic) attaining it.</returns>
    /// <exception cref="ArgumentException">Fewer than two rows, no columns, or a value is not finite.</exception>
    public static CoherenceResult Compute(ReadOnlySpan2D<float> features, int maxDegreeOfParallelism = -1)
    {
        if (features.Height < 2 || features.Width == 0)
        {
            throw new ArgumentException($"Coherence needs at least two points with at least one feature; got {features.Height}×{features.Width}.", nameof(features));
        }

        Finite.ThrowIfNotFinite(features, nameof(features));
        float best = -1f;
        int first = 0;
        int second = 1;
        GramRows.ForEachUpperRow(features, Kernel.Cosine, maxDegreeOfParallelism, (i, row) =>
        {
            if (row.Length < 2)
            {
                return;
            }

            ReadOnlySpan<float> offDiagonal = row[1..];
            int j = TensorPrimitives.IndexOfMaxMagnitude(offDiagonal);
            float value = MathF.Abs(offDiagonal[j]);
            if (value > best)
            {
                best = value;
                first = i;
                second = i + 1 + j;
            }
        });
        return new CoherenceResult(best, first, second);
    }
}
