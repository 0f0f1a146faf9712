using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.Lp.Attribution;

namespace FastCoverage.Bench;

/// <summary>
/// The MSR attribution matrix with ridge probes: n = 1000 train, d = 64, m = 500 test, 10 classes, p = 0.03
/// (target: 5000 models in under 30 s), and an odd size n = 999, m = 499. <see cref="Models"/> scales the run.
/// </summary>
public class AttributionBenchmarks
{
    private ClassifierSubsetLearner _learner = null!;
    private ClassifierSubsetLearner _odd = null!;

    /// <summary>Models R per run.</summary>
    [Params(500, 5000)]
    public int Models { get; set; }

    /// <summary>Builds clustered train and test sets.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _learner = Create(1000, 500, 1);
        _odd = Create(999, 499, 2);
    }

    /// <summary>n = 1000, m = 500.</summary>
    [Benchmark(Baseline = true)]
    public float Ridge() => MaximumSampleReuse.Estimate(_learner, Models, 0.03, 7).Dense.Span[0, 0];

    /// <summary>n = 999, m = 499.</summary>
    [Benchmark]
    public float RidgeOdd() => MaximumSampleReuse.Estimate(_odd, Models, 0.03, 7).Dense.Span[0, 0];

    private static ClassifierSubsetLearner Create(int n, int m, int seed)
    {
        const int D = 64, Classes = 10;
        var random = new Random(seed);
        var centres = new float[Classes, D];
        for (int c = 0; c < Classes; c++)
        {
            for (int k = 0; k < D; k++)
            {
                centres[c, k] = 2f * (random.NextSingle() - 0.5f);
            }
        }

        (Memory2D<float> X, int[] Y) Sample(int count)
        {
            var x = new float[count, D];
            var y = new int[count];
            for (int i = 0; i < count; i++)
            {
                y[i] = random.Next(Classes);
                for (int k = 0; k < D; k++)
                {
                    x[i, k] = centres[y[i], k] + (random.NextSingle() - 0.5f);
                }
            }

            return (new Memory2D<float>(x), y);
        }

        var (train, labels) = Sample(n);
        var (test, testLabels) = Sample(m);
        return ClassifierSubsetLearner.Ridge(train, labels, test, testLabels);
    }
}
