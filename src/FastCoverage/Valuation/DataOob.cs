using CommunityToolkit.HighPerformance;
using FastCoverage.Valuation.Learners;
using FastCoverage.Valuation.Sampling;

namespace FastCoverage.Valuation;

/// <summary>Fits a classifier on the listed rows (a bootstrap sample, so rows may repeat).</summary>
public delegate Classifier ClassifierFactory(ReadOnlySpan<int> rows);

/// <summary>
/// Data-OOB (Kwon &amp; Zou 2023; CDVM §2.1.1): fit B learners on bootstrap samples of the n training points and value
/// each point by the out-of-bag accuracy ψᵢ = Σ_b 1[i ∉ bag_b]·1[f_b(xᵢ) = yᵢ] / Σ_b 1[i ∉ bag_b]. Bootstrap b is
/// drawn from a generator derived from (seed, b) and the tallies are integers, so the result does not depend on the
/// thread count. Standard error √(ψ(1 − ψ)/(kᵢ − 1)) over the kᵢ out-of-bag learners; a point never out of bag gets
/// value 0 and an infinite error. Cost: B fits plus ≈ 0.37·n·B predictions.
/// </summary>
public static class DataOob
{
    /// <summary>The Data-OOB value of every training point.</summary>
    /// <param name="x">Training features, n×d.</param>
    /// <param name="labels">Training labels.</param>
    /// <param name="fit">Fits a learner on a bootstrap sample (e.g. <see cref="KnnClassifier.Fit(ReadOnlySpan2D{float}, ReadOnlySpan{int}, ReadOnlySpan{int}, int, int)"/>).</param>
    /// <param name="bootstraps">The number of learners B ≥ 1.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="maxDegreeOfParallelism">Threads; −1 for all.</param>
    /// <exception cref="ArgumentException">Shapes disagree or B &lt; 1.</exception>
    public static ValuationResult Compute(ReadOnlyMemory2D<float> x, ReadOnlySpan<int> labels, ClassifierFactory fit, int bootstraps, ulong seed, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (labels.Length != x.Height)
        {
            throw new ArgumentException($"labels has {labels.Length} elements but x has {x.Height} rows.", nameof(labels));
        }

        if (bootstraps < 1)
        {
            throw new ArgumentException($"bootstraps must be at least 1 (was {bootstraps}).", nameof(bootstraps));
        }

        int n = x.Height;
        int d = x.Width;
        int[] y = labels.ToArray();
        var correct = new int[n];
        var outOfBag = new int[n];
        var gate = new object();
        ParallelLoop.Run(() => Parallel.For(
            0,
            bootstraps,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => (Correct: new int[n], OutOfBag: new int[n], Bag: new int[n], InBag: new bool[n], Rows: new List<int>(), Buffer: new float[n * d], Predicted: new int[n]),
            (b, _, local) =>
            {
                var random = SplitMix64.ForStream(seed, b);
                Array.Clear(local.InBag);
                for (int s = 0; s < n; s++)
                {
                    local.Bag[s] = random.NextInt(n);
                    local.InBag[local.Bag[s]] = true;
                }

                Classifier model = fit(local.Bag);
                local.Rows.Clear();
                ReadOnlySpan2D<float> features = x.Span;
                for (int i = 0; i < n; i++)
                {
                    if (!local.InBag[i])
                    {
                        features.GetRowSpan(i).CopyTo(local.Buffer.AsSpan(local.Rows.Count * d, d));
                        local.Rows.Add(i);
                    }
                }

                int m = local.Rows.Count;
                model.Predict(new ReadOnlySpan2D<float>(local.Buffer, m, d), local.Predicted);
                for (int r = 0; r < m; r++)
                {
                    int i = local.Rows[r];
                    local.OutOfBag[i]++;
                    local.Correct[i] += local.Predicted[r] == y[i] ? 1 : 0;
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (int i = 0; i < n; i++)
                    {
                        correct[i] += local.Correct[i];
                        outOfBag[i] += local.OutOfBag[i];
                    }
                }
            }));

        var values = new double[n];
        var errors = new double[n];
        for (int i = 0; i < n; i++)
        {
            int k = outOfBag[i];
            values[i] = k == 0 ? 0 : (double)correct[i] / k;
            errors[i] = k < 2 ? double.PositiveInfinity : Math.Sqrt(values[i] * (1 - values[i]) / (k - 1));
        }

        return new ValuationResult("data-oob", values, errors, bootstraps, null);
    }
}
