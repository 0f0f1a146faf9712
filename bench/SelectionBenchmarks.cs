using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// Facility location on a precomputed dense RBF similarity (blobs, d = 64, γ = 1/d): selection only, the similarity
/// is built once in the setup. Anchors on this machine (issue 3): apricot lazy 1.45 s (n = 10000, k = 1000) and
/// 2.63 s (n = 20000, k = 1000). 4999 is the odd size.
/// </summary>
[MemoryDiagnoser]
public class SelectionBenchmarks
{
    private Memory2D<float> similarity;

    /// <summary>Pool size n.</summary>
    [Params(4999, 10000, 20000)]
    public int N { get; set; }

    /// <summary>Budget k.</summary>
    [Params(1000)]
    public int K { get; set; }

    /// <summary>Builds the RBF Gram matrix of the blobs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        float[,] x = SelectionBlobs.Create(N, 64, seed: 1);
        similarity = Gram.ComputeSymmetric(new ReadOnlyMemory2D<float>(x), Kernel.Rbf());
    }

    /// <summary>Lazy greedy (the default).</summary>
    [Benchmark(Baseline = true)]
    public int DenseLazy() => FacilityLocation.Maximize(similarity, K, null, SimilarityLayout.CandidateMajor).Indices.Count;

    /// <summary>Stochastic greedy with ε = 0.01.</summary>
    [Benchmark]
    public int DenseStochastic() => FacilityLocation.Maximize(similarity, K, new FacilityLocationOptions { Optimizer = FacilityLocationOptimizer.Stochastic, Epsilon = 0.01 }, SimilarityLayout.CandidateMajor).Indices.Count;
}
