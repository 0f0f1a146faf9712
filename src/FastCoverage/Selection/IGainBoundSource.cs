namespace FastCoverage.Selection;

/// <summary>
/// A similarity source that can answer a re-evaluation with an upper bound on a candidate's gain where that is much
/// cheaper than the gain itself. Lazy greedy takes a candidate only on its gain, so a bound merely orders it in the queue;
/// if it comes to the top again in the same step, its gain is computed with <see cref="ISimilaritySource.Gains"/>.
/// </summary>
internal interface IGainBoundSource
{
    /// <summary>
    /// values[t] ← the gain of candidates[t] against the coverage, or an upper bound on the gain that
    /// <see cref="ISimilaritySource.Gains"/> would compute, with isBound[candidates[t]] telling which.
    /// </summary>
    /// <param name="candidates">Distinct candidates.</param>
    /// <param name="coverage">The optimizer's coverage (read only).</param>
    /// <param name="values">One value per candidate.</param>
    /// <param name="isBound">Indexed by candidate: set for a bound, cleared for a gain.</param>
    /// <param name="maxDegreeOfParallelism">Threads.</param>
    /// <param name="usefulBelow">
    /// A bound at or above this is no use (the optimizer would ask for the gain at once): the best gain of the current
    /// step cannot exceed it (the previous step's winning gain, +∞ when unknown). A source may give gains instead of such
    /// bounds.
    /// </param>
    void GainsOrBounds(ReadOnlySpan<int> candidates, float[] coverage, Span<float> values, bool[] isBound, int maxDegreeOfParallelism, float usefulBelow);
}
