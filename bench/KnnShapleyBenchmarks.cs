using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.Valuation;

namespace FastCoverage.Bench;

/// <summary>Exact KNN-Shapley (classification and regression) at the target size and at an odd size.</summary>
[MemoryDiagnoser]
public class KnnShapleyBenchmarks
{
    private float[,] _training = new float[0, 0];
    private float[,] _validation = new float[0, 0];
    private int[] _labels = [];
    private int[] _validationLabels = [];
    private float[] _targets = [];
    private float[] _validationTargets = [];

    /// <summary>Training points, validation points and dimension.</summary>
    [Params("50000x1000x64", "10007x257x37")]
    public string Shape { get; set; } = "50000x1000x64";

    /// <summary>K.</summary>
    [Params(10)]
    public int Neighbors { get; set; }

    /// <summary>Draws training and validation points from the same 10 Gaussian blobs, and 10 classes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        int[] parts = Shape.Split('x').Select(int.Parse).ToArray();
        var random = new Random(42);
        float[,] all = BenchData.GaussianBlobs(parts[0] + parts[1], parts[2], 10, 42);
        _training = Rows(all, 0, parts[0]);
        _validation = Rows(all, parts[0], parts[1]);
        _labels = Enumerable.Range(0, parts[0]).Select(_ => random.Next(10)).ToArray();
        _validationLabels = Enumerable.Range(0, parts[1]).Select(_ => random.Next(10)).ToArray();
        _targets = _labels.Select(l => (float)l).ToArray();
        _validationTargets = _validationLabels.Select(l => (float)l).ToArray();
    }

    /// <summary>Classification values (label-match utility).</summary>
    [Benchmark]
    public double[] Classification() =>
        KnnShapley.Classification(new ReadOnlySpan2D<float>(_training), _labels, new ReadOnlySpan2D<float>(_validation), _validationLabels, Neighbors);

    /// <summary>Regression values (negative squared error utility).</summary>
    [Benchmark]
    public double[] Regression() =>
        KnnShapley.Regression(new ReadOnlySpan2D<float>(_training), _targets, new ReadOnlySpan2D<float>(_validation), _validationTargets, Neighbors);

    private static float[,] Rows(float[,] source, int start, int count)
    {
        var rows = new float[count, source.GetLength(1)];
        new ReadOnlySpan2D<float>(source).Slice(start, 0, count, source.GetLength(1)).CopyTo(new Span2D<float>(rows));
        return rows;
    }
}
