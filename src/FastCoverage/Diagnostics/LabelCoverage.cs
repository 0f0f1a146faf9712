namespace FastCoverage.Diagnostics;

/// <summary>
/// The number of distinct labels (modes) a selection covers: N_cov of coverage-view Theorem 2 and Fig. 2(b), the
/// quantity per-point top-k under-covers and greedy coverage maximizes.
/// </summary>
public static class LabelCoverage
{
    /// <summary>Counts the distinct values of labels[i] over the selected indices i.</summary>
    /// <param name="labels">One label per point of the pool.</param>
    /// <param name="selection">Selected indices into <paramref name="labels"/> (repeats allowed).</param>
    /// <returns>|{labels[i] : i ∈ selection}|.</returns>
    /// <exception cref="ArgumentException">An index is outside [0, n).</exception>
    public static int Count(ReadOnlySpan<int> labels, ReadOnlySpan<int> selection)
    {
        var seen = new HashSet<int>();
        foreach (int i in selection)
        {
            if ((uint)i >= (uint)labels.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(selection), i, $"Selected index {i} is outside [0, {labels.Length}).");
            }

            seen.Add(labels[i]);
        }

        return seen.Count;
    }
}
