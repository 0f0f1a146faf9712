using BenchmarkDotNet.Attributes;
using FastCoverage.Theory;

namespace FastCoverage.Bench;

/// <summary>
/// Cost of the exact occupancy m*(k) at N = 10⁹: the product has min(m, k) terms but stops once the miss probability
/// underflows, so the worst case is m ≈ k ≈ √(745·N) ≈ 8.6·10⁵ terms.
/// </summary>
[MemoryDiagnoser]
public class TheoryBenchmarks
{
    /// <summary>Mode size m (r = N/m modes) and budget k: a small budget, the worst case (odd), early underflow.</summary>
    [Params("m=1e7,k=50", "m=863001,k=863001", "m=5e8,k=5e8")]
    public string Case { get; set; } = "m=1e7,k=50";

    private long modeSize;
    private long budget;

    /// <summary>Parses <see cref="Case"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Case.Split(',');
        modeSize = (long)double.Parse(parts[0][2..], System.Globalization.CultureInfo.InvariantCulture);
        budget = (long)double.Parse(parts[1][2..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>1 − C(N − m, k)/C(N, k) at N = 10⁹.</summary>
    [Benchmark]
    public double HitProbabilityAtOneBillion() => Occupancy.HitProbability(1_000_000_000, modeSize, budget);
}
