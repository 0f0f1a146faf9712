using System.Numerics.Tensors;

namespace FastCoverage.Lp.Attribution;

/// <summary>
/// Estimates the attribution matrix by maximum sample reuse (paper §3.1, after Ye et al. 2023; Wang and Jia 2022):
/// draw R subsets S₁ … S_R including each train point with probability p, train a model on each, record per-test
/// correctness c_rj ∈ {0, 1}, and set
/// <code>
///   Tᵢⱼ = mean{c_rj : i ∈ S_r} − mean{c_rj : i ∉ S_r},
/// </code>
/// with Tᵢⱼ = 0 when either side is empty (i in every subset or in none: no evidence either way).
/// Subsets are drawn from a stream seeded by (seed, r); the sums are exact integer counts, so the result is
/// identical for any thread count.
/// </summary>
public static class MaximumSampleReuse
{
    private const int Batch = 64;

    /// <summary>Runs the R experiments and returns T with its Banzhaf values.</summary>
    /// <param name="learner">Trains on a subset and reports per-test correctness.</param>
    /// <param name="models">R ≥ 1, the number of subsets.</param>
    /// <param name="probability">p ∈ (0, 1), the inclusion probability (the paper's default is 0.03).</param>
    /// <param name="seed">Seeds the subsets.</param>
    /// <param name="maxDegreeOfParallelism">Threads training models; −1 uses every core.</param>
    /// <param name="progress">Called with the completed fraction after each batch, from the calling thread; may be null.</param>
    /// <exception cref="ArgumentException">models &lt; 1, p outside (0, 1), or a learner with no train or test points.</exception>
    public static AttributionEstimate Estimate(ISubsetLearner learner, int models, double probability, long seed,
        int maxDegreeOfParallelism = -1, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        int n = learner.TrainCount;
        int m = learner.TestCount;
        if (n < 1 || m < 1)
        {
            throw new ArgumentException($"learner has {n} train and {m} test points; both must be at least 1.", nameof(learner));
        }

        if (models < 1)
        {
            throw new ArgumentException($"models must be at least 1; got {models}.", nameof(models));
        }

        if (!(probability > 0 && probability < 1))
        {
            throw new ArgumentException($"probability must be in (0, 1); got {probability}.", nameof(probability));
        }

        // correctInside[i, j] = Σ_{r : i ∈ S_r} c_rj; totalCorrect[j] = Σ_r c_rj; inclusions[i] = |{r : i ∈ S_r}|.
        var correctInside = new int[n * m];
        var totalCorrect = new int[m];
        var inclusions = new int[n];
        var subsets = new int[Batch][];
        var sizes = new int[Batch];
        var correct = new int[Batch][];
        for (int b = 0; b < Batch; b++)
        {
            subsets[b] = new int[n];
            correct[b] = new int[m];
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        for (int start = 0; start < models; start += Batch)
        {
            int count = Math.Min(Batch, models - start);
            Parallel.For(0, count, options, b =>
            {
                sizes[b] = SubsetSampler.Draw(n, probability, seed, start + b, subsets[b]);
                Array.Clear(correct[b]);
                learner.Evaluate(subsets[b].AsSpan(0, sizes[b]), correct[b]);
            });

            for (int b = 0; b < count; b++)
            {
                int[] c = correct[b];
                TensorPrimitives.Add(totalCorrect, c, totalCorrect);
                foreach (int i in subsets[b].AsSpan(0, sizes[b]))
                {
                    inclusions[i]++;
                    Span<int> row = correctInside.AsSpan(i * m, m);
                    TensorPrimitives.Add(row, c, row);
                }
            }

            progress?.Invoke((double)(start + count) / models);
        }

        var dense = new float[n * m];
        var banzhaf = new double[n];
        for (int i = 0; i < n; i++)
        {
            int inside = inclusions[i];
            int outside = models - inside;
            if (inside == 0 || outside == 0)
            {
                continue;
            }

            double rowSum = 0;
            for (int j = 0; j < m; j++)
            {
                int correctIn = correctInside[(i * m) + j];
                double t = ((double)correctIn / inside) - ((double)(totalCorrect[j] - correctIn) / outside);
                dense[(i * m) + j] = (float)t;
                rowSum += t;
            }

            banzhaf[i] = rowSum / m;
        }

        return new AttributionEstimate(dense, n, m, banzhaf, inclusions, models);
    }
}
