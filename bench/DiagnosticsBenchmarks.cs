using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.Diagnostics;
using FastCoverage.Kernels;

namespace FastCoverage.Bench;

/// <summary>
/// The diagnostics' hot paths on Gaussian blobs (50 centres), d = 64: the O(n·d²) effective rank and the streamed
/// O(n²·d) pairwise diagnostics (coherence, Gram structure with labels, alignment of two kernels). 4001 is the odd size.
/// </summary>
[MemoryDiagnoser]
public class DiagnosticsBenchmarks
{
    private float[,] _points = new float[0, 0];
    private int[] _labels = [];

    /// <summary>Number of points.</summary>
    [Params(4001, 10_000)]
    public int N { get; set; }

    /// <summary>Builds the data and labels (the blob index modulo 10).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _points = BenchData.GaussianBlobs(N, 64, 50, 42);
        _labels = Enumerable.Range(0, N).Select(i => i % 10).ToArray();
    }

    /// <summary>Effective rank of XᵀX/n (Gram core on the d columns + MathNet eigenvalues).</summary>
    [Benchmark]
    public double EffectiveRankOfSecondMoment() => EffectiveRank.Compute(new ReadOnlySpan2D<float>(_points)).ParticipationRatio;

    /// <summary>Coherence μ over the upper triangle of the cosine Gram.</summary>
    [Benchmark]
    public double CoherenceOfCosineGram() => Coherence.Compute(new ReadOnlySpan2D<float>(_points)).Value;

    /// <summary>Off-diagonal mass, block means and label alignment of the cosine Gram.</summary>
    [Benchmark]
    public double GramStructureWithLabels() => GramStructure.Compute(new ReadOnlySpan2D<float>(_points), Kernel.Cosine, _labels).BlockContrast;

    /// <summary>Alignment of the RBF and cosine Grams of the same points (two full streamed Grams).</summary>
    [Benchmark]
    public double AlignmentOfRbfAndCosine() => KernelAlignment.Compute(new ReadOnlySpan2D<float>(_points), Kernel.Rbf(), new ReadOnlySpan2D<float>(_points), Kernel.Cosine);
}
