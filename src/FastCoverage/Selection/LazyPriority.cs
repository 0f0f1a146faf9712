namespace FastCoverage.Selection;

/// <summary>
/// Lazy greedy's queue order: higher score first, then lower index. A value type comparing itself, so that
/// <see cref="PriorityQueue{TElement, TPriority}"/> without a comparer calls the inlined comparison instead of a delegate.
/// </summary>
/// <param name="Score">The (possibly stale) gain, or gain/cost.</param>
/// <param name="Index">The candidate.</param>
internal readonly record struct LazyPriority(double Score, int Index) : IComparable<LazyPriority>
{
    /// <summary>Negative when this entry comes first: the higher score, or at an equal score the lower index.</summary>
    public int CompareTo(LazyPriority other) => Score != other.Score ? other.Score.CompareTo(Score) : Index.CompareTo(other.Index);
}
