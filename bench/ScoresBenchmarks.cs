using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Scores;

namespace FastCoverage.Bench;

/// <summary>The per-point scores' hot paths: ridge leverage, prototypicality (O(n·d)) and typicality (O(n²·d)).</summary>
[MemoryDiagnoser]
public class ScoresBenchmarks
{
    private float[,] _features = new float[0, 0];
    private int[] _labels = [];
    private float[,] _typicalityFeatures = new float[0, 0];

    /// <summary>Points and dimension for leverage and prototypicality; typicality uses a fifth of the points.</summary>
    [Params("50000x64", "10007x37")]
    public string Shape { get; set; } = "50000x64";

    /// <summary>Draws features from 10 Gaussian blobs, and 10 classes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int[] parts = Shape.Split('x').Select(int.Parse).ToArray();
        var random = new Random(42);
        _features = BenchData.GaussianBlobs(parts[0], parts[1], 10, 42);
        _labels = Enumerable.Range(0, parts[0]).Select(_ => random.Next(10)).ToArray();
        _typicalityFeatures = BenchData.GaussianBlobs(parts[0] / 5, parts[1], 10, 43);
    }

    /// <summary>h_i = φ_iᵀ(ΦᵀΦ + λI)⁻¹φ_i.</summary>
    [Benchmark]
    public double[] Leverage() => RidgeLeverage.Compute(new ReadOnlySpan2D<float>(_features), 1.0);

    /// <summary>Cosine to the own class mean.</summary>
    [Benchmark]
    public double[] Prototypicality() => FastCoverage.Scores.Prototypicality.Compute(new ReadOnlySpan2D<float>(_features), _labels);

    /// <summary>Mean RBF similarity to the 10 nearest neighbours, on n/5 points.</summary>
    [Benchmark]
    public double[] Typicality() => FastCoverage.Scores.Typicality.Compute(new ReadOnlySpan2D<float>(_typicalityFeatures), 10, Kernel.Rbf());
}
