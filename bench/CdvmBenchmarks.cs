using BenchmarkDotNet.Attributes;
using FastCoverage.Lp;

namespace FastCoverage.Bench;

/// <summary>
/// CDVM LP solves on clustered instances: medium n = 1000, m = 500, 37.5k nonzeros (target ≤ 5 ms), an odd-sized
/// medium (n = 999, m = 499), large n = 10000, m = 2000, 400k nonzeros (target ≤ 4 s), and the 5 × 4 (κ, α) grid on
/// the medium instance, warm and cold (target ≤ 0.5 s). The hard setting (S = 500, α = 0.1, κ = 0.5 on the large
/// instance) is in <see cref="CdvmHardBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class CdvmBenchmarks
{
    private static readonly double[] GridAlphas = [0.1, 0.3, 0.5, 0.7, 0.9];
    private static readonly double[] GridKappas = [0.25, 0.5, 1.0, 2.0];
    private CsrMatrix _medium = null!;
    private CsrMatrix _mediumOdd = null!;
    private CsrMatrix _large = null!;

    /// <summary>Builds the instances.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _medium = CdvmInstances.Clustered(1000, 500, 37_500, 10, 1);
        _mediumOdd = CdvmInstances.Clustered(999, 499, 37_463, 10, 2);
        _large = CdvmInstances.Clustered(10_000, 2000, 400_000, 20, 3);
    }

    /// <summary>One cold solve of the medium instance, S = 100 (10 %), α = 0.5, κ = 0.5, model build included.</summary>
    [Benchmark(Baseline = true)]
    public double Medium()
    {
        using var program = new CdvmProgram(_medium);
        return program.Solve(100, 0.5, 0.5).Objective;
    }

    /// <summary>The medium instance with a loose cap, κ = 2 (few binding rows: a handful of dual iterations).</summary>
    [Benchmark]
    public double MediumLooseKappa()
    {
        using var program = new CdvmProgram(_medium);
        return program.Solve(100, 0.5, 2.0).Objective;
    }

    /// <summary>The odd-sized medium instance.</summary>
    [Benchmark]
    public double MediumOdd()
    {
        using var program = new CdvmProgram(_mediumOdd);
        return program.Solve(99, 0.5, 0.5).Objective;
    }

    /// <summary>One cold solve of the large instance, S = 1000 (10 %), α = 0.5, κ = 0.5 (primal simplex by <see cref="CdvmProgram.ColdMethod"/>).</summary>
    [Benchmark]
    public double Large()
    {
        using var program = new CdvmProgram(_large);
        return program.Solve(1000, 0.5, 0.5).Objective;
    }

    /// <summary>The 5 × 4 (α, κ) grid on the medium instance at S = 100, both cores, warm-started along α.</summary>
    [Benchmark]
    public double GridWarm() => CdvmGrid.Search(_medium, 100, GridAlphas, GridKappas, static s => s.Length, warmStartAlongAlpha: true).BestScore;

    /// <summary>The same grid solved cold at every point.</summary>
    [Benchmark]
    public double GridCold() => CdvmGrid.Search(_medium, 100, GridAlphas, GridKappas, static s => s.Length, warmStartAlongAlpha: false).BestScore;
}

/// <summary>The hard setting of the large instance: S = 500, α = 0.1, κ = 0.5 (tens of seconds per solve).</summary>
public class CdvmHardBenchmarks
{
    private CsrMatrix _large = null!;

    /// <summary>Builds the instance.</summary>
    [GlobalSetup]
    public void Setup() => _large = CdvmInstances.Clustered(10_000, 2000, 400_000, 20, 3);

    /// <summary>One cold solve.</summary>
    [Benchmark]
    public double LargeHard()
    {
        using var program = new CdvmProgram(_large);
        return program.Solve(500, 0.1, 0.5).Objective;
    }
}
