using System.Buffers;
using FastCoverage.Valuation.Sampling;
using FastCoverage.Valuation.Stopping;
using FastCoverage.Valuation.Utilities;

namespace FastCoverage.Valuation;

/// <summary>
/// Permutation Monte-Carlo semivalues (Data Shapley, Ghorbani &amp; Zou 2019; Beta Shapley, Kwon &amp; Zou 2022): each
/// sample is a uniformly random permutation π, passed once through the incremental utility; the marginal of the
/// point at position s is Δᵢ = v(π&lt;s ∪ {i}) − v(π&lt;s), weighted by n·p(s) (1 for Shapley, the beta-binomial ratio for
/// Beta Shapley — an unbiased importance weighting, since positions are uniform). Truncation stops a pass once
/// |v(D) − v(prefix)| &lt; tolerance (later marginals count as 0). Antithetic sampling pairs π with its reverse and
/// averages the pair into one sample. Standard errors are √(s²/T) over samples. Cost per permutation: n utility steps.
/// </summary>
public static class PermutationSemivalue
{
    /// <summary>Monte-Carlo Shapley values.</summary>
    /// <inheritdoc cref="Compute(IUtility, Semivalue, StoppingCriterion, PermutationOptions?)"/>
    public static ValuationResult Shapley(IUtility utility, StoppingCriterion stop, PermutationOptions? options = null) =>
        Compute(utility, Semivalue.Shapley, stop, options);

    /// <summary>Estimates a semivalue from permutation samples.</summary>
    /// <param name="utility">The game.</param>
    /// <param name="semivalue">Shapley or Beta Shapley (Banzhaf also works but <see cref="MaximumSampleReuse"/> is far more efficient).</param>
    /// <param name="stop">When to stop; checked after every permutation (antithetic pair).</param>
    /// <param name="options">Seed, truncation, antithetic pairs, threads.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static ValuationResult Compute(IUtility utility, Semivalue semivalue, StoppingCriterion stop, PermutationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utility);
        ArgumentNullException.ThrowIfNull(stop);
        options ??= new PermutationOptions();
        options.Validate();
        int n = utility.PlayerCount;
        if (n == 0)
        {
            return new ValuationResult(semivalue.Name, [], [], 0, []);
        }

        double[] weight = semivalue.SizeProbabilities(n);
        for (int s = 0; s < n; s++)
        {
            weight[s] *= n;
        }

        double full = options.TruncationTolerance > 0 ? utility.Evaluate(Enumerable.Range(0, n).ToArray()) : double.NaN;
        var moments = new RunningMoments(n);
        int perRow = options.Antithetic ? 2 : 1;

        void Pass(IUtilityState state, ReadOnlySpan<int> order, Span<double> row, bool accumulate)
        {
            state.Reset();
            double previous = state.Value;
            bool truncated = false;
            for (int s = 0; s < n; s++)
            {
                int i = order[s];
                double marginal = 0;
                if (!truncated)
                {
                    state.Add(i);
                    double current = state.Value;
                    marginal = weight[s] * (current - previous);
                    previous = current;
                    truncated = Math.Abs(full - current) < options.TruncationTolerance;
                }

                row[i] = accumulate ? 0.5 * (row[i] + marginal) : marginal;
            }
        }

        void ComputeSample(long index, IUtilityState state, Span<double> row)
        {
            var random = SplitMix64.ForStream(options.Sampling.Seed, index);
            int[] rented = ArrayPool<int>.Shared.Rent(n);
            Span<int> order = rented.AsSpan(0, n);
            random.Permutation(order);
            Pass(state, order, row, accumulate: false);
            if (options.Antithetic)
            {
                order.Reverse();
                Pass(state, order, row, accumulate: true);
            }

            ArrayPool<int>.Shared.Return(rented);
        }

        void Fold(ReadOnlySpan<double> row, ValuationStatus status)
        {
            for (int i = 0; i < n; i++)
            {
                moments.Add(i, row[i]);
                status.Values[i] = moments.Mean[i];
                status.StandardErrors[i] = moments.StandardError(i);
                status.Counts[i] = moments.Count[i];
            }
        }

        var (status, converged) = SampleLoop.Run(utility, n, ComputeSample, Fold, perRow, stop, options.Sampling);
        return new ValuationResult(semivalue.Name, status.Values, status.StandardErrors, status.Samples, converged);
    }
}

/// <summary>Options of <see cref="PermutationSemivalue"/>.</summary>
public sealed record PermutationOptions
{
    /// <summary>Seed, threads, batch size and progress.</summary>
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>Stop a pass once |v(D) − v(prefix)| &lt; this (0: never truncate).</summary>
    public double TruncationTolerance { get; init; }

    /// <summary>Pair every permutation with its reverse and average the pair (variance reduction).</summary>
    public bool Antithetic { get; init; }

    internal void Validate()
    {
        Sampling.Validate();
        Finite.ThrowIfNegative(TruncationTolerance, nameof(TruncationTolerance));
    }
}
