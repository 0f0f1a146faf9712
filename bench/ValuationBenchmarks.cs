using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Valuation.Learners;
using FastCoverage.Valuation.Utilities;

namespace FastCoverage.Bench;

/// <summary>Shared data for the valuation benchmarks: d = 64 features, 10 classes, 1000 validation points.</summary>
internal static class ValuationData
{
    public const int Features = 64;
    public const int Classes = 10;
    public const int Validation = 1000;

    public static int[] Labels(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.Next(Classes)).ToArray();
    }

    public static int[] Permutation(int n, int seed)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}

/// <summary>
/// One permutation-Shapley pass (reset, then n incremental additions) with the facility-location utility (represented
/// set: the 1000 validation points, RBF kernel) and with the ridge utility (validation accuracy): passes per second =
/// 1 / time per pass.
/// </summary>
[MemoryDiagnoser]
public class PermutationPassBenchmarks
{
    private IUtilityState _state = null!;
    private int[] _order = [];

    /// <summary>Training points n (1001: an odd size).</summary>
    [Params(1001, 1000, 10000)]
    public int N { get; set; }

    /// <summary>Which utility.</summary>
    [Params("facility-location", "ridge")]
    public string Utility { get; set; } = "";

    /// <summary>Builds the utility and one fixed permutation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        float[] x = GramBenchmarks.RandomMatrix(N, ValuationData.Features, 1);
        float[] xv = GramBenchmarks.RandomMatrix(ValuationData.Validation, ValuationData.Features, 2);
        var train = new ReadOnlySpan2D<float>(x, N, ValuationData.Features);
        var valid = new ReadOnlySpan2D<float>(xv, ValuationData.Validation, ValuationData.Features);
        IUtility utility = Utility == "ridge"
            ? new RidgeUtility(train, ValuationData.Labels(N, 3), valid, ValuationData.Labels(ValuationData.Validation, 4), ValuationData.Classes, 1.0)
            : FacilityLocationUtility.FromFeatures(train, valid, Kernel.Rbf());
        _state = utility.CreateState();
        _order = ValuationData.Permutation(N, 5);
    }

    /// <summary>One full pass; returns v(D) so the work is observed.</summary>
    [Benchmark]
    public double Pass()
    {
        _state.Reset();
        foreach (int i in _order)
        {
            _state.Add(i);
        }

        return _state.Value;
    }
}

/// <summary>
/// The value of every prefix of one permutation under the ridge probe at n = 1000 (and an odd 999): incremental
/// Sherman–Morrison updates versus refitting <see cref="RidgeClassifier"/> from scratch on every prefix (target ≥ 50×).
/// </summary>
public class IncrementalRidgeBenchmarks
{
    private RidgeUtility _utility = null!;
    private float[] _x = [];
    private float[] _xv = [];
    private int[] _labels = [];
    private int[] _validLabels = [];
    private int[] _order = [];

    /// <summary>Training points n.</summary>
    [Params(999, 1000)]
    public int N { get; set; }

    /// <summary>Builds the data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _x = GramBenchmarks.RandomMatrix(N, ValuationData.Features, 1);
        _xv = GramBenchmarks.RandomMatrix(ValuationData.Validation, ValuationData.Features, 2);
        _labels = ValuationData.Labels(N, 3);
        _validLabels = ValuationData.Labels(ValuationData.Validation, 4);
        _utility = new RidgeUtility(Train, _labels, Valid, _validLabels, ValuationData.Classes, 1.0);
        _order = ValuationData.Permutation(N, 5);
    }

    private ReadOnlySpan2D<float> Train => new(_x, N, ValuationData.Features);

    private ReadOnlySpan2D<float> Valid => new(_xv, ValuationData.Validation, ValuationData.Features);

    /// <summary>Incremental: one state, n additions.</summary>
    [Benchmark(Baseline = true)]
    public double Incremental()
    {
        IUtilityState state = _utility.CreateState();
        double sum = 0;
        foreach (int i in _order)
        {
            state.Add(i);
            sum += state.Value;
        }

        return sum;
    }

    /// <summary>Refit: a from-scratch fit and a validation pass for every prefix.</summary>
    [Benchmark]
    public double Refit()
    {
        double sum = 0;
        for (int m = 1; m <= N; m++)
        {
            var model = RidgeClassifier.Fit(Train, _labels, _order.AsSpan(0, m), ValuationData.Classes, 1.0);
            sum += model.Accuracy(Valid, _validLabels);
        }

        return sum;
    }
}
