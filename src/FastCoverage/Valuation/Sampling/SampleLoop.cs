using System.Diagnostics;
using FastCoverage.Valuation.Stopping;
using FastCoverage.Valuation.Utilities;

namespace FastCoverage.Valuation.Sampling;

/// <summary>
/// The Monte-Carlo driver: computes batches of samples in parallel (sample t depends only on (seed, t)), then folds
/// them into the estimates strictly in sample order, checking the stopping criterion after each one. The estimates
/// therefore do not depend on the thread count or the batch size.
/// </summary>
internal static class SampleLoop
{
    /// <summary>Computes sample <paramref name="index"/> into a row of doubles using a worker's own state.</summary>
    public delegate void ComputeSample(long index, IUtilityState state, Span<double> row);

    /// <summary>Folds one computed row into the estimates and refreshes the status' values, errors and counts.</summary>
    public delegate void FoldSample(ReadOnlySpan<double> row, ValuationStatus status);

    /// <summary>Runs until the criterion is done; returns the status and the converged mask.</summary>
    public static (ValuationStatus Status, bool[] Converged) Run(
        IUtility utility, int width, ComputeSample compute, FoldSample fold, int samplesPerRow, StoppingCriterion stop, SamplingOptions options)
    {
        int n = utility.PlayerCount;
        int workers = options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        workers = Math.Max(1, Math.Min(workers, options.BatchSize));
        var states = new IUtilityState[workers];
        for (int w = 0; w < workers; w++)
        {
            states[w] = utility.CreateState();
        }

        var status = new ValuationStatus(n);
        var converged = new bool[n];
        var buffer = new double[options.BatchSize * width];
        var clock = Stopwatch.StartNew();
        stop.Reset();
        StoppingCheck check = stop.Check(status, converged);
        long next = 0;
        while (!check.Done)
        {
            long first = next;
            int batch = options.BatchSize;
            ParallelLoop.Run(() => Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                for (int b = w; b < batch; b += workers)
                {
                    compute(first + b, states[w], buffer.AsSpan(b * width, width));
                }
            }));
            for (int b = 0; b < batch && !check.Done; b++)
            {
                fold(buffer.AsSpan(b * width, width), status);
                status.Samples += samplesPerRow;
                status.Elapsed = clock.Elapsed;
                check = stop.Check(status, converged);
                next++;
            }

            options.Progress?.Report(check.Completion);
        }

        return (status, converged);
    }
}
