namespace FastCoverage.Selection;

/// <summary>
/// Per-point top-k: the k points with the highest scores (e.g. Data Shapley, influence or leverage values).
/// This is the scalar selector the coverage paper shows under-covers the learner's modes (coverage-view §3,
/// Theorem 2); it is here as the baseline to compare coverage against.
/// </summary>
public static class TopK
{
    /// <summary>
    /// The indices of the <paramref name="k"/> highest scores, highest first; equal scores are ranked by lower index.
    /// </summary>
    /// <param name="scores">One score per point; NaN is rejected, ±∞ rank as extremes.</param>
    /// <param name="k">How many to select, 0 ≤ k ≤ n.</param>
    /// <returns>The selected indices in ranking order. Cost O(n log n).</returns>
    /// <exception cref="ArgumentException">k is out of range or a score is NaN.</exception>
    public static int[] Select(ReadOnlySpan<float> scores, int k)
    {
        if (k < 0 || k > scores.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, n] = [0, {scores.Length}].");
        }

        ScoreOrder.ThrowIfNaN(scores, nameof(scores));
        float[] copy = scores.ToArray();
        int[] order = new int[copy.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        ScoreOrder.Sort(order, copy);
        return order[..k];
    }
}
