using FastCoverage.Valuation.Sampling;
using FastCoverage.Valuation.Stopping;
using FastCoverage.Valuation.Utilities;

namespace FastCoverage.Valuation;

/// <summary>
/// Data Banzhaf by maximum sample reuse (Wang &amp; Jia 2023; CDVM §2.1.1): sample subsets Sₜ that contain each point
/// independently with probability p, evaluate v(Sₜ) once, and estimate βᵢ = mean{v(Sₜ) : i ∈ Sₜ} − mean{v(Sₜ) : i ∉ Sₜ}.
/// Every evaluation updates every point's estimate. With p = ½ this is unbiased for the Banzhaf value (each
/// coalition equally likely); other p estimate the p-weighted Banzhaf value. Standard error:
/// √(s²_in/T_in + s²_out/T_out). Cost per sample: |Sₜ| utility steps plus O(n) to fold.
/// </summary>
public static class MaximumSampleReuse
{
    /// <summary>Estimates Banzhaf values.</summary>
    /// <param name="utility">The game.</param>
    /// <param name="stop">When to stop; checked after every subset. Each point's count is min(T_in, T_out).</param>
    /// <param name="options">Seed, threads, batch size, progress.</param>
    /// <param name="inclusionProbability">p ∈ (0, 1); ½ gives the Banzhaf value.</param>
    /// <exception cref="ArgumentException">p is outside (0, 1) or an option is out of range.</exception>
    public static ValuationResult Banzhaf(IUtility utility, StoppingCriterion stop, SamplingOptions? options = null, double inclusionProbability = 0.5)
    {
        ArgumentNullException.ThrowIfNull(utility);
        ArgumentNullException.ThrowIfNull(stop);
        if (!(inclusionProbability > 0 && inclusionProbability < 1))
        {
            throw new ArgumentException($"inclusionProbability must lie in (0, 1) (was {inclusionProbability}).", nameof(inclusionProbability));
        }

        options ??= new SamplingOptions();
        options.Validate();
        int n = utility.PlayerCount;
        if (n == 0)
        {
            return new ValuationResult("banzhaf", [], [], 0, []);
        }

        var inside = new RunningMoments(n);
        var outside = new RunningMoments(n);

        // Row layout: n membership flags (1 or 0), then v(S).
        void ComputeSample(long index, IUtilityState state, Span<double> row)
        {
            var random = SplitMix64.ForStream(options.Seed, index);
            state.Reset();
            for (int i = 0; i < n; i++)
            {
                bool member = random.NextDouble() < inclusionProbability;
                row[i] = member ? 1 : 0;
                if (member)
                {
                    state.Add(i);
                }
            }

            row[n] = state.Value;
        }

        void Fold(ReadOnlySpan<double> row, ValuationStatus status)
        {
            double value = row[n];
            for (int i = 0; i < n; i++)
            {
                (row[i] != 0 ? inside : outside).Add(i, value);
                status.Values[i] = inside.Mean[i] - outside.Mean[i];
                status.Counts[i] = Math.Min(inside.Count[i], outside.Count[i]);
                double variance = (inside.Variance(i) / inside.Count[i]) + (outside.Variance(i) / outside.Count[i]);
                status.StandardErrors[i] = status.Counts[i] < 2 ? double.PositiveInfinity : Math.Sqrt(variance);
            }
        }

        var (status, converged) = SampleLoop.Run(utility, n + 1, ComputeSample, Fold, 1, stop, options);
        return new ValuationResult("banzhaf", status.Values, status.StandardErrors, status.Samples, converged);
    }
}
