using System.Buffers;

namespace FastCoverage.Selection;

/// <summary>
/// The dense source's part of a greedy run's <see cref="LiveEntries"/>: tracking the run's coverage, gains that read and
/// make lists, and the sweep that makes the remaining lists in one pass.
/// </summary>
internal sealed partial class DenseSimilaritySource
{
    /// <summary>
    /// From now on, gains and covers against <paramref name="coverage"/> (the greedy state's own vector, which only grows)
    /// keep and read <see cref="LiveEntries"/> of the rows; other coverage vectors still read whole rows.
    /// </summary>
    public void TrackLiveEntries(float[] coverage)
    {
        if (coverage.Length != RepresentedCount)
        {
            throw new ArgumentException($"The coverage has {coverage.Length} entries, not {RepresentedCount}.", nameof(coverage));
        }

        live?.Dispose();
        trackedCoverage = coverage;
        live = new LiveEntries(CandidateCount, RepresentedCount);
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

    private void TrackedGains(LiveEntries entries, ReadOnlySpan<int> candidates, float[] coverage, Span<float> gains, int maxDegreeOfParallelism, int threads)
    {
        float[]? coverageMinima = groupMaxima is null ? null : ArrayPool<float>.Shared.Rent(Groups);
        try
        {
            int unlisted = 0;
            foreach (int j in candidates)
            {
                unlisted += entries.Count(Row(j)) < 0 ? 1 : 0;
            }

            if (groupMaxima is null && entries.SweepDue(unlisted))
            {
                Sweep(entries, coverage, maxDegreeOfParallelism);
            }

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

    /// <summary>Rows per work item of a sweep.</summary>
    private const int SweepBlock = 16;

    /// <summary>Rows a sweep reads before it may give up for making too few lists.</summary>
    private const int SweepProbe = 256;

    /// <summary>
    /// Makes the lists of all rows that have none, reading them in memory order against the current coverage (valid for
    /// the rest of the run, as the coverage only grows). Gives up once a quarter of the rows read after the first
    /// <see cref="SweepProbe"/> have too many live entries: the coverage has not spread enough yet.
    /// </summary>
    private void Sweep(LiveEntries entries, float[] coverage, int maxDegreeOfParallelism)
    {
        int attempted = 0;
        int made = 0;
        int blocks = (CandidateCount + SweepBlock - 1) / SweepBlock;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, (block, loop) =>
        {
            int seen = Volatile.Read(ref attempted);
            if (seen >= SweepProbe && Volatile.Read(ref made) * 4L < seen * 3L)
            {
                loop.Stop();
                return;
            }

            int limit = entries.MaximumLength;
            int[] live = ArrayPool<int>.Shared.Rent(limit + GainAccumulator512.BlockLength);
            try
            {
                int blockAttempts = 0;
                int blockMade = 0;
                int end = Math.Min(CandidateCount, (block + 1) * SweepBlock);
                for (int row = block * SweepBlock; row < end; row++)
                {
                    if (!entries.CanMake(row))
                    {
                        continue;
                    }

                    ReadOnlySpan<float> similarity = values.Span.Slice(row * RepresentedCount, RepresentedCount);
                    int count = FacilityGainKernel.CollectLive(similarity, coverage, [], [], live, limit);
                    blockAttempts++;
                    if (count <= limit)
                    {
                        entries.Make(row, live.AsSpan(0, count), similarity);
                        blockMade++;
                    }
                }

                Interlocked.Add(ref made, blockMade);
                Interlocked.Add(ref attempted, blockAttempts);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(live);
            }
        });
        entries.SweepDone();
    }

    /// <summary>
    /// Gains against the tracked coverage: a row with a list is summed from it (and its dead entries dropped); any other
    /// row is read in full (skipping covered groups when group maxima exist) and gets a list if few enough entries live.
    /// </summary>
    private readonly struct LiveEntryGains(DenseSimilaritySource source, LiveEntries entries, float[]? coverageMinima) : IGainEvaluator
    {
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

                entries.RecordAttempt(count <= limit);
                return gain;
            }
            finally
            {
                ArrayPool<int>.Shared.Return(live);
            }
        }
    }
}
