using System.Runtime.CompilerServices;
using System.Buffers;

namespace FastCoverage.Selection;

/// <summary>
/// The dense source's part of a greedy run's <see cref="LiveEntries"/>: tracking the run's coverage, and gains that read
/// and make lists.
/// </summary>
internal sealed partial class DenseSimilaritySource
{
    /// <summary>
    /// From now on, gains and covers against <paramref name="coverage"/> (the greedy state's own vector, which only grows)
    /// keep and read <see cref="LiveEntries"/> of the rows; other coverage vectors still read whole rows. Lists made
    /// ahead by <see cref="FirstPass"/> (not yet tracking) are kept: they are pending until the coverage rises above what
    /// they left out, whatever the coverage.
    /// </summary>
    public void TrackLiveEntries(float[] coverage)
    {
        if (coverage.Length != RepresentedCount)
        {
            throw new ArgumentException($"The coverage has {coverage.Length} entries, not {RepresentedCount}.", nameof(coverage));
        }

        if (live is null || trackedCoverage is not null)
        {
            live?.Dispose();
            live = new LiveEntries(CandidateCount, RepresentedCount);
        }

        trackedCoverage = coverage;
        floorAtChange = -1;
    }

    /// <summary>Ends <see cref="TrackLiveEntries"/>: the lists' pooled storage is returned and every gain reads whole rows.</summary>
    public void StopTrackingLiveEntries()
    {
        live?.Dispose();
        live = null;
        trackedCoverage = null;
    }

    /// <summary>The live entries kept so far (for tests and the profiling harness), or <see langword="null"/> when not tracking.</summary>
    internal LiveEntries? Live => live;

    private bool IsTracked(ReadOnlySpan<float> coverage) =>
        trackedCoverage is not null && coverage.Length == trackedCoverage.Length && coverage.Overlaps(trackedCoverage, out int offset) && offset == 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TrackedGains(LiveEntries entries, ReadOnlySpan<int> candidates, float[] coverage, Span<float> gains, int maxDegreeOfParallelism, int threads)
    {
        UpdatePendingBounds(entries, coverage);
        float[]? coverageMinima = groupMaxima is null ? null : ArrayPool<float>.Shared.Rent(Groups);
        try
        {
            long work = 0;
            foreach (int j in candidates)
            {
                int listed = entries.Count(Row(j));
                work += listed >= 0 ? 2L * listed : groupMaxima is null ? RepresentedCount : RepresentedCount / SkippedWorkDivisor;
            }

            if (coverageMinima is not null)
            {
                FacilityGainKernel.GroupMinima(coverage, coverageMinima.AsSpan(0, Groups));
            }

            var evaluator = new LiveEntryGains(this, entries, coverageMinima);
            ParallelGains.Run(evaluator, candidates, coverage, gains, maxDegreeOfParallelism, Chunk(candidates.Length, work, threads));
        }
        finally
        {
            if (coverageMinima is not null)
            {
                ArrayPool<float>.Shared.Return(coverageMinima);
            }
        }
    }

    /// <summary>
    /// Gains against the tracked coverage: a row with a list is summed from it (and its dead entries dropped); any other
    /// row is read in full (skipping covered groups when group maxima exist) and gets a list if few enough entries live.
    /// </summary>
    private readonly struct LiveEntryGains(DenseSimilaritySource source, LiveEntries entries, float[]? coverageMinima) : IGainEvaluator
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public float Gain(int candidate, ReadOnlySpan<float> coverage)
        {
            int row = source.Row(candidate);
            if (entries.TryGain(row, coverage, out float listed))
            {
                return listed;
            }

            ReadOnlySpan<float> similarity = source.Column(candidate);
            ReadOnlySpan<float> maxima = coverageMinima is null ? [] : source.groupMaxima.AsSpan(row * source.Groups, source.Groups);
            ReadOnlySpan<float> minima = coverageMinima is null ? [] : coverageMinima.AsSpan(0, source.Groups);
            if (!entries.CanMake(row))
            {
                return coverageMinima is null ? FacilityGainKernel.Sum(similarity, coverage) : FacilityGainKernel.SumSkippingCovered(similarity, coverage, maxima, minima);
            }

            int limit = entries.MaximumLength;
            int[] live = ArrayPool<int>.Shared.Rent(limit + GainAccumulator512.BlockLength);
            try
            {
                float gain;
                int count;
                if (coverageMinima is null)
                {
                    gain = FacilityGainKernel.SumCollectingLive(similarity, coverage, live, limit, out count);
                }
                else
                {
                    gain = FacilityGainKernel.SumSkippingCovered(similarity, coverage, maxima, minima);
                    count = FacilityGainKernel.CollectLive(similarity, coverage, maxima, minima, live, limit);
                }

                if (count <= limit)
                {
                    entries.Make(row, live.AsSpan(0, count), similarity);
                }

                return gain;
            }
            finally
            {
                ArrayPool<int>.Shared.Return(live);
            }
        }
    }
}
