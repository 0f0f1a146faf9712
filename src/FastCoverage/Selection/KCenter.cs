using CommunityToolkit.HighPerformance;

namespace FastCoverage.Selection;

/// <summary>
/// Greedy k-center (Gonzalez's farthest-first traversal) in Euclidean distance: start from one point, then
/// repeatedly add the point farthest from the centres chosen so far. The result is a 2-approximation of the
/// minimum covering radius, the set-level coverage baseline of core-set active learning (Sener and Savarese, 2018)
/// that the coverage paper names as the set-level remedy (coverage-view §5 related work, §6 limitations).
/// </summary>
/// <remarks>
/// Ties (equal distances) go to the lowest row index. The result does not depend on the number of threads.
/// Distances are float32 by direct differences, Σ(xᵢ − cᵢ)² (relative error ≤ (d + 4)·2⁻²³, no cancellation).
/// Every point belongs to the cluster of its nearest centre; a new centre c skips a whole cluster s when the
/// triangle inequality proves none of its members can get closer (‖c − s‖ ≥ 2·R_s, R_s the cluster's largest
/// distance), and inside a scanned cluster skips each member with ‖c − s‖ ≥ 2·dᵢ — both with a float-rounding
/// margin, so the skips never change the result (tested against the plain traversal). The first picks are sequential
/// passes over the input; once the picks become local, the rows are copied cluster by cluster so that each pick streams
/// through the clusters it scans. Worst case O(k·n·d) time; memory O(n·d + k) beyond the input (the cluster-ordered
/// copy, rented from the shared array pool).
/// </remarks>
public static class KCenter
{
    /// <summary>Selects <paramref name="k"/> centres starting from row <paramref name="start"/>.</summary>
    /// <param name="points">The points, n×d, finite.</param>
    /// <param name="k">Number of centres, 0 ≤ k ≤ n.</param>
    /// <param name="start">Row index of the first centre, 0 ≤ start &lt; n.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <returns>The centres in selection order and the covering radius after each pick.</returns>
    /// <exception cref="ArgumentException">The points are empty or not finite, or k or start is out of range.</exception>
    public static KCenterResult Select(ReadOnlySpan2D<float> points, int k, int start, int maxDegreeOfParallelism = -1)
    {
        Validate(points, k);
        if (start < 0 || start >= points.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"The start index must be in [0, {points.Height}).");
        }

        return KCenterEngine.Run(points, k, start, prune: true, maxDegreeOfParallelism);
    }

    /// <summary>
    /// Selects <paramref name="k"/> centres from a start row drawn uniformly by the seeded generator
    /// (SplitMix64, Lemire's bounded draw): the same seed gives the same start and so the same result.
    /// </summary>
    /// <param name="points">The points, n×d, finite.</param>
    /// <param name="k">Number of centres, 0 ≤ k ≤ n.</param>
    /// <param name="seed">Seed of the start draw.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <returns>The centres in selection order and the covering radius after each pick.</returns>
    /// <exception cref="ArgumentException">The points are empty or not finite, or k is out of range.</exception>
    public static KCenterResult SelectSeeded(ReadOnlySpan2D<float> points, int k, ulong seed, int maxDegreeOfParallelism = -1)
    {
        Validate(points, k);
        int start = new SplitMix64(seed).NextInt(points.Height);
        return KCenterEngine.Run(points, k, start, prune: true, maxDegreeOfParallelism);
    }

    private static void Validate(ReadOnlySpan2D<float> points, int k)
    {
        MatrixChecks.ThrowIfEmpty(points, nameof(points));

        if (k < 0 || k > points.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, n] = [0, {points.Height}].");
        }

        Finite.ThrowIfNotFinite(points, nameof(points));
    }
}
