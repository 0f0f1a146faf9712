namespace FastCoverage.Selection;

/// <summary>Sizes of <see cref="KCenterEngine"/> that change its speed, never its result.</summary>
/// <param name="ParallelThreshold">Scanned members below which one thread does the pick (parallel overhead dominates).</param>
/// <param name="ChunkSize">Members per parallel work item.</param>
/// <param name="SwitchFraction">The engine leaves its first phase (full passes over the input) after a pick that computes fewer than this fraction of n distances: 0 never, above 1 after the first pick.</param>
/// <param name="AfterPick">Called with the pick's number and the clusters after every pick (tests check the storage).</param>
internal readonly record struct KCenterTuning(int ParallelThreshold, int ChunkSize, double SwitchFraction, Action<int, KCenterClusters>? AfterPick = null)
{
    /// <summary>The sizes measured on the reference machine (docs/benchmarks.md).</summary>
    public static KCenterTuning Default { get; } = new(32768, 2048, 1.0 / 16);
}
