using BenchmarkDotNet.Attributes;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>The fused gain Σ max(sᵢ − curᵢ, 0) on each path, for an L2-resident length and the odd 6·512 + 7.</summary>
public class SelectionGainKernelBenchmarks
{
    private float[] similarity = [];
    private float[] coverage = [];
    private GainKernelPath path;

    /// <summary>Vector length.</summary>
    [Params(3079, 20000)]
    public int Length { get; set; }

    /// <summary>The path.</summary>
    [ParamsSource(nameof(Paths))]
    public string Path { get; set; } = "Scalar";

    /// <summary>The paths this machine supports.</summary>
    public static IEnumerable<string> Paths() => FacilityGainKernel.SupportedPaths().Select(p => p.ToString());

    /// <summary>Random inputs in [0, 1).</summary>
    [GlobalSetup]
    public void Setup()
    {
        path = Enum.Parse<GainKernelPath>(Path);
        var random = new Random(5);
        similarity = Enumerable.Range(0, Length).Select(_ => random.NextSingle()).ToArray();
        coverage = Enumerable.Range(0, Length).Select(_ => random.NextSingle()).ToArray();
    }

    /// <summary>One gain.</summary>
    [Benchmark]
    public float Gain() => FacilityGainKernel.Sum(similarity, coverage, path);
}
