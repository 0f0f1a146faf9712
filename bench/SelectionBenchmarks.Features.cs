using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// Facility location from features (blobs, d = 64, RBF γ = 1/d), similarity included: dense (n = 20000, k = 1000;
/// apricot total 4.9 s), sparse 100-nearest-neighbour graph plus lazy selection (n = 50000, k = 1000; apricot 8.6 s),
/// and memory-bounded streaming lazy greedy (n = 200000, k = 100; target under a minute and 1 GB). Each run is long,
/// so one launch with one measured iteration; the odd sizes are 20001 and 50001.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
[MemoryDiagnoser]
public class SelectionFeatureBenchmarks
{
    private ReadOnlyMemory2D<float> features;

    /// <summary>Which workload: Dense-20000, Knn-50000, Streaming-200000 or their odd-size twins.</summary>
    [Params("Dense-20000", "Dense-20001", "Knn-50000", "Knn-50001", "Streaming-200000")]
    public string Case { get; set; } = "Dense-20000";

    private SimilarityStorage Storage => Case.Split('-')[0] switch
    {
        "Dense" => SimilarityStorage.Dense,
        "Knn" => SimilarityStorage.NearestNeighbors,
        _ => SimilarityStorage.Streaming,
    };

    private int N => int.Parse(Case.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Makes the blobs.</summary>
    [GlobalSetup]
    public void Setup() => features = SelectionBlobs.Create(N, 64, seed: 1);

    /// <summary>Similarity (or graph) plus lazy greedy.</summary>
    [Benchmark]
    public int FeaturesToSelection()
    {
        int k = Storage == SimilarityStorage.Streaming ? 100 : 1000;
        var similarity = new FeatureSimilarity(features, Kernel.Rbf()) { Storage = Storage, Neighbors = 100 };
        return FacilityLocation.Maximize(similarity, k).Indices.Count;
    }
}
