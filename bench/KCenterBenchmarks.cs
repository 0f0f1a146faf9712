using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// k-center greedy on Gaussian blobs (50 centres), d = 64, float32. Anchor: numpy float32 farthest-first
/// took 0.60 s for n = 100000, k = 1000 on this machine (issue 3 §6); target ≤ 0.12 s. Quick Stopwatch comparisons:
/// <c>profile-kcenter 100000 1000 11 compare</c> (bench/KCenterProfile.cs).
/// </summary>
[MemoryDiagnoser]
public class KCenterBenchmarks
{
    private float[,] _points = new float[0, 0];

    /// <summary>Pool size; 30011 is the odd size.</summary>
    [Params(100_000, 30_011)]
    public int N { get; set; }

    /// <summary>Number of centres.</summary>
    [Params(1000)]
    public int K { get; set; }

    /// <summary>Builds the data.</summary>
    [GlobalSetup]
    public void Setup() => _points = BenchData.GaussianBlobs(N, 64, 50, 42);

    /// <summary>The library's k-center (triangle-inequality skip on).</summary>
    [Benchmark(Baseline = true)]
    public int[] KCenterGreedy() => KCenter.Select(new ReadOnlySpan2D<float>(_points), K, 0).Indices;

    /// <summary>The engine before session 8 (member index lists, scattered row reads), for old-vs-new in one run.</summary>
    [Benchmark]
    public int[] KCenterGreedyMemberLists() => KCenterEngineBefore.Run(new ReadOnlySpan2D<float>(_points), K, 0, prune: true, maxDegreeOfParallelism: -1).Indices;

    /// <summary>The same traversal without the skip: one full distance pass per pick.</summary>
    [Benchmark]
    public int[] KCenterGreedyFullPasses() => KCenterEngine.Run(new ReadOnlySpan2D<float>(_points), K, 0, prune: false, maxDegreeOfParallelism: -1).Indices;
}
