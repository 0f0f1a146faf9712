using System.Buffers;
using System.Runtime.CompilerServices;

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
        long work = 0;
        foreach (int j in candidates)
        {
            int listed = entries.Count(j);
            work += listed >= 0 ? 2L * listed : RepresentedCount;
        }

        var evaluator = new LiveEntryGains(this, entries);
        ParallelGains.Run(evaluator, candidates, coverage, gains, maxDegreeOfParallelism, Chunk(candidates.Length, work, threads));
    }

    /// <summary>
    /// Gains against the tracked coverage: a row with a usable list is summed from it (and its dead entries dropped); any
    /// other row is read in full and gets a list if few enough entries live.
    /// </summary>
    private readonly struct LiveEntryGains(DenseSimilaritySource source, LiveEntries entries) : IGainEvaluator
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public float Gain(int candidate, ReadOnlySpan<float> coverage)
        {
            if (entries.TryGain(candidate, coverage, out float listed))
            {
                return listed;
            }

            ReadOnlySpan<float> similarity = source.Column(candidate);
            if (!entries.CanMake(candidate))
            {
                return FacilityGainKernel.Sum(similarity, coverage);
            }

            int limit = entries.MaximumLength;
            int[] live = ArrayPool<int>.Shared.Rent(limit + GainAccumulator512.BlockLength);
            try
            {
                float gain = FacilityGainKernel.SumCollectingLive(similarity, coverage, live, limit, out int count);
                if (count <= limit)
                {
                    entries.Make(candidate, live.AsSpan(0, count), similarity);
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
