using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

/// <summary>
/// Pending lists (lazy greedy's first pass keeps each row's entries above a sampled θ): the fused first-pass kernel is the
/// full gain bit for bit and finds exactly the entries above θ; the vector pruning keeps exactly the live entries; a
/// pending list is not read before the coverage floor reaches θ; the bounds it gives are never below the computed gain;
/// and lazy greedy with pending lists and bounds picks and gains exactly like naive greedy reading whole rows.
/// </summary>
public class PendingListsTests
{
    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    [Fact]
    public void The_first_pass_kernel_is_the_zero_coverage_gain_and_finds_exactly_the_entries_above_the_threshold()
    {
        var random = new Random(61);
        for (int length = 1; length <= 400; length += length < 150 ? 1 : 41)
        {
            float[] row = new float[length];
            for (int i = 0; i < length; i++)
            {
                // Some entries exactly at θ (not above it) and some zeros.
                row[i] = random.Next(6) switch { 0 => 0.5f, 1 => 0f, _ => random.NextSingle() };
            }

            float[] zeros = new float[length];
            foreach (float threshold in new[] { 0.5f, -1f, 2f, 0f })
            {
                foreach (int limit in new[] { length, length / 4, 0 })
                {
                    int[] above = new int[limit + GainAccumulator512.BlockLength];
                    float[] values = new float[limit + GainAccumulator512.BlockLength];
                    float gain = FacilityGainKernel.SumAtZeroCoverageCollectingAbove(row, zeros, threshold, above, values, limit, out int count, out bool nonnegative);
                    Assert.Equal(Bits(FacilityGainKernel.Sum(row, zeros)), Bits(gain));
                    Assert.True(nonnegative);
                    int[] expected = [.. Enumerable.Range(0, length).Where(i => row[i] > threshold)];
                    if (expected.Length > limit)
                    {
                        Assert.True(count > limit, $"length {length}, θ {threshold}: {expected.Length} entries above θ but a count of {count} within the limit {limit}");
                    }
                    else
                    {
                        Assert.Equal(expected, above[..count]);
                        Assert.Equal(expected.Select(i => row[i]), values[..count]);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(-0.5f)]
    [InlineData(float.NegativeInfinity)]
    public void The_first_pass_kernel_reports_a_negative_or_nan_entry_anywhere_in_the_row(float bad)
    {
        foreach (int length in new[] { 1, 63, 64, 130, 300 })
        {
            for (int at = 0; at < length; at += Math.Max(1, length / 7))
            {
                float[] row = [.. Enumerable.Repeat(0.25f, length)];
                row[at] = bad;
                float[] zeros = new float[length];
                int[] above = new int[length + GainAccumulator512.BlockLength];
                float[] values = new float[length + GainAccumulator512.BlockLength];
                FacilityGainKernel.SumAtZeroCoverageCollectingAbove(row, zeros, 0.1f, above, values, length, out _, out bool nonnegative);
                Assert.False(nonnegative, $"length {length}: {bad} at {at} was not noticed");
            }
        }
    }

    [Fact]
    public void Collecting_above_a_threshold_without_the_sum_finds_the_same_entries()
    {
        var random = new Random(67);
        for (int length = 0; length <= 200; length += 3)
        {
            float[] row = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle())];
            int[] destination = new int[length + GainAccumulator512.BlockLength];
            int count = FacilityGainKernel.CollectAbove(row, 0.6f, destination, length);
            Assert.Equal(Enumerable.Range(0, length).Where(i => row[i] > 0.6f), destination[..count]);
            Assert.True(FacilityGainKernel.CollectAbove(row, 0.6f, destination, count - 1) > count - 1 || count == 0);
        }
    }

    [Fact]
    public void Pruning_a_list_keeps_exactly_its_live_entries_in_order()
    {
        var random = new Random(71);
        for (int listed = 0; listed <= 150; listed++)
        {
            int length = 3 * listed + 5;
            int[] indices = [.. Enumerable.Range(0, length).OrderBy(_ => random.Next()).Take(listed).Order()];
            float[] values = [.. indices.Select(_ => random.NextSingle())];
            float[] coverage = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle())];
            // Some entries exactly at their coverage: dead.
            foreach (int t in Enumerable.Range(0, listed).Where(t => t % 5 == 0))
            {
                coverage[indices[t]] = values[t];
            }

            int[] liveIndices = [.. indices.Where((i, t) => values[t] > coverage[i])];
            float[] liveValues = [.. values.Where((v, t) => v > coverage[indices[t]])];
            int kept = FacilityGainKernel.KeepLive(indices, values, coverage);
            if (kept == listed && liveIndices.Length < listed)
            {
                // No vector path here: nothing is moved, and the lane sums drop the dead entries.
                continue;
            }

            Assert.Equal(liveIndices, indices[..kept]);
            Assert.Equal(liveValues, values[..kept]);
        }
    }

    [Fact]
    public void A_pending_list_is_read_only_once_the_floor_reaches_what_it_left_out()
    {
        using var entries = new LiveEntries(rows: 2, rowLength: 64);
        float[] row = [.. Enumerable.Range(0, 64).Select(i => i / 64f)];
        int[] kept = [.. Enumerable.Range(0, 64).Where(i => row[i] > 0.75f)];
        entries.MakePending(0, kept, [.. kept.Select(i => row[i])], 0.75f, FacilityGainKernel.Sum(row, new float[64]));
        Assert.True(entries.HasPending);
        Assert.Equal(-1, entries.Count(0));
        Assert.False(entries.TryGain(0, new float[64], out _));
        Assert.True(entries.CanMake(0));
        Assert.Equal(kept.Length, entries.ListedCount(0));

        entries.RaiseFloor(0.5f);
        Assert.False(entries.TryGain(0, new float[64], out _));
        entries.RaiseFloor(0.75f);
        Assert.False(entries.HasPending);
        float[] coverage = [.. Enumerable.Repeat(0.75f, 64)];
        Assert.True(entries.TryGain(0, coverage, out float gain));
        Assert.Equal(Bits(FacilityGainKernel.Sum(row, coverage)), Bits(gain));
        // A floor never goes down.
        entries.RaiseFloor(0f);
        Assert.Equal(0.75f, entries.Floor);
    }

    [Fact]
    public void The_recorded_left_out_sum_is_at_least_the_exact_sum_of_the_entries_left_out()
    {
        var random = new Random(73);
        for (int trial = 0; trial < 200; trial++)
        {
            int length = 1 + random.Next(3000);
            float[] row = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle() * (trial % 3 == 0 ? 1e-3f : 1f))];
            float threshold = row[random.Next(length)];
            int[] kept = [.. Enumerable.Range(0, length).Where(i => row[i] > threshold)];
            using var entries = new LiveEntries(rows: 1, rowLength: length);
            entries.MakePending(0, kept, [.. kept.Select(i => row[i])], threshold, FacilityGainKernel.Sum(row, new float[length]));
            Assert.True(entries.TrySumPending(0, new float[length], out _, out float leftOut));
            double exact = Enumerable.Range(0, length).Where(i => row[i] <= threshold).Sum(i => (double)row[i]);
            Assert.True(leftOut >= exact, $"trial {trial}: recorded {leftOut}, exact {exact}");
        }
    }

    [Fact]
    public void Bounds_from_pending_lists_are_never_below_the_computed_gain_and_gains_are_exact()
    {
        var random = new Random(79);
        for (int trial = 0; trial < 40; trial++)
        {
            int n = 64 + random.Next(200);
            float[,] s = RandomSimilarity(random, n, trial);
            using DenseSimilaritySource source = DenseSimilarityLayout.FromCandidateMajor(s);
            source.FirstPass("s", -1, withPendingLists: true);
            float[] coverage = new float[n];
            source.TrackLiveEntries(coverage);
            bool[] isBound = new bool[n];
            float[] values = new float[n];
            int[] all = [.. Enumerable.Range(0, n)];
            float theta = source.Live!.LargestPending;
            // Coverage rising step by step, some entries staying below θ: bounds while any does, exact lists after.
            for (int step = 0; step < 4; step++)
            {
                for (int i = 0; i < n; i++)
                {
                    coverage[i] = Math.Max(coverage[i], step == 3 ? Math.Max(theta, 0f) : random.Next(4) == 0 ? theta * random.NextSingle() : random.NextSingle());
                }

                source.Cover(random.Next(n), coverage);
                source.GainsOrBounds(all, coverage, values, isBound, -1);
                for (int j = 0; j < n; j++)
                {
                    float gain = FacilityGainKernel.Sum(source.Column(j), coverage);
                    if (isBound[j])
                    {
                        Assert.True(values[j] >= gain, $"trial {trial}, step {step}, candidate {j}: bound {values[j]} below the gain {gain}");
                    }
                    else
                    {
                        Assert.Equal(Bits(gain), Bits(values[j]));
                    }
                }

                if (coverage.Min() >= theta)
                {
                    Assert.DoesNotContain(true, isBound);
                }
            }
        }
    }

    [Fact]
    public void No_bound_is_given_where_the_left_out_part_alone_reaches_the_useful_limit()
    {
        var random = new Random(81);
        int n = 200;
        float[,] s = RandomSimilarity(random, n, 2);
        using DenseSimilaritySource source = DenseSimilarityLayout.FromCandidateMajor(s);
        source.FirstPass("s", -1, withPendingLists: true);
        float[] coverage = new float[n];
        source.TrackLiveEntries(coverage);
        source.Cover(0, coverage);
        int[] all = [.. Enumerable.Range(0, n)];
        float[] values = new float[n];
        bool[] isBound = new bool[n];
        source.GainsOrBounds(all.AsSpan(0, n / 2), coverage, values, isBound, -1, usefulBelow: float.PositiveInfinity);
        Assert.Contains(true, isBound);
        // A limit of 0: no bound can be below it, so every value is the gain, exactly.
        source.GainsOrBounds(all.AsSpan(n / 2), coverage, values.AsSpan(n / 2), isBound, -1, usefulBelow: 0f);
        for (int j = n / 2; j < n; j++)
        {
            Assert.False(isBound[j]);
            Assert.Equal(Bits(FacilityGainKernel.Sum(source.Column(j), coverage)), Bits(values[j]));
        }
    }

    [Fact]
    public void Pending_lists_do_not_take_the_room_of_lists_made_later()
    {
        const int rows = 1024, rowLength = 1024;
        using var entries = new LiveEntries(rows, rowLength);
        int[] kept = [.. Enumerable.Range(0, 128).Select(i => 8 * i)];
        float[] keptValues = [.. kept.Select(_ => 1f)];
        for (int row = 0; row < 700; row++)
        {
            entries.MakePending(row, kept, keptValues, 0.5f, 200f);
        }

        // 700 lists of 128 exceed the pending share (n·|U|/16 = 65536 entries): the last ones were not made.
        Assert.Equal(-1, entries.ListedCount(699));
        Assert.True(entries.Stored <= entries.MaximumStored);
        // Lists from full reads still have their whole share.
        Assert.True(entries.CanMake(900));
        float[] row900 = new float[rowLength];
        row900[3] = 1f;
        entries.Make(900, [3], row900);
        Assert.Equal(1, entries.Count(900));
    }

    [Fact]
    public void Bounds_hold_against_rounding_when_left_out_entries_sit_just_below_the_coverage_floor()
    {
        // Many left-out entries just above coverage a hair below θ: their terms are tiny and many, the case where the
        // bound's rounding allowance matters.
        var random = new Random(83);
        for (int trial = 0; trial < 20; trial++)
        {
            int n = 1500 + random.Next(600);
            var s = new float[n, n];
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < n; i++)
                {
                    s[j, i] = random.Next(40) == 0 ? 0.5f + random.NextSingle() : 0.01f * (1f - (random.NextSingle() * 1e-3f));
                }
            }

            using DenseSimilaritySource source = DenseSimilarityLayout.FromCandidateMajor(s);
            source.FirstPass("s", -1, withPendingLists: true);
            float[] coverage = new float[n];
            source.TrackLiveEntries(coverage);
            for (int i = 0; i < n; i++)
            {
                coverage[i] = 0.01f * (1f - (random.NextSingle() * 2e-3f));
            }

            source.Cover(0, coverage);
            float[] values = new float[n];
            bool[] isBound = new bool[n];
            source.GainsOrBounds([.. Enumerable.Range(0, n)], coverage, values, isBound, -1);
            Assert.Contains(true, isBound);
            for (int j = 0; j < n; j++)
            {
                float gain = FacilityGainKernel.Sum(source.Column(j), coverage);
                Assert.True(values[j] >= gain, $"trial {trial}, candidate {j}: {(isBound[j] ? "bound" : "gain")} {values[j]} below the gain {gain}");
            }
        }
    }

    public static TheoryData<int, int, int> LazyRuns() => new()
    {
        // n, blobs, outliers (points far from everything keep the floor below θ for the whole run)
        { 600, 30, 0 }, { 900, 60, 0 }, { 700, 25, 5 }, { 520, 8, 0 },
    };

    [Theory]
    [MemberData(nameof(LazyRuns))]
    public void Lazy_greedy_with_pending_lists_and_bounds_picks_and_gains_exactly_like_naive_greedy(int n, int blobs, int outliers)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            float[,] x = SimilarityInstances.Blobs(n, 8, centres: blobs, seed);
            for (int o = 0; o < outliers; o++)
            {
                for (int t = 0; t < 8; t++)
                {
                    x[o * 7, t] = 40f * (o + 1);
                }
            }

            Memory2D<float> similarity = Gram.ComputeSymmetric(new ReadOnlyMemory2D<float>(x), Kernel.Rbf());
            int k = n / 3;
            FacilityLocationResult naive = FacilityLocation.Maximize(similarity, k, new FacilityLocationOptions { Optimizer = FacilityLocationOptimizer.Naive }, SimilarityLayout.CandidateMajor);
            FacilityLocationResult lazy = FacilityLocation.Maximize(similarity, k, null, SimilarityLayout.CandidateMajor);
            Assert.Equal(naive.Indices, lazy.Indices);
            Assert.Equal(naive.Gains, lazy.Gains);
            Assert.Equal(naive.Objectives, lazy.Objectives);

            // The run did use pending lists, and answered re-evaluations with bounds.
            using DenseSimilaritySource source = DenseSimilarityLayout.FromCandidateMajor(similarity);
            float[] first = source.FirstPass("s", -1, withPendingLists: true);
            var counting = new BoundCountingSource(source);
            var state = new GreedyState(counting, k, null, null, double.PositiveInfinity, null, -1);
            source.TrackLiveEntries(state.Coverage);
            LazyGreedy.Run(state, stopAtZeroGain: false, batch: 4, maxBatch: 128, first);
            Assert.Equal(naive.Indices, state.ToResult().Indices);
            Assert.True(counting.Bounds > 0, "no re-evaluation was answered with a bound: the test would not exercise them");
        }
    }

    [Fact]
    public void Lazy_greedy_from_features_with_pending_lists_picks_exactly_like_naive_greedy_on_any_thread_count()
    {
        // Blobs, so that pending lists and bounds come into play; the naive optimizer reads whole rows of the same matrix.
        var cases = from n in Gen.Choose(128, 420)
                    from k in Gen.Choose(1, 40)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, k, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var x = new ReadOnlyMemory2D<float>(SimilarityInstances.Blobs(c.n, 4, 8, c.seed));
            var naive = FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf()), c.k, new FacilityLocationOptions { Optimizer = FacilityLocationOptimizer.Naive });
            foreach (int threads in new[] { 1, 2 })
            {
                var lazy = FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf()), c.k, new FacilityLocationOptions { MaxDegreeOfParallelism = threads });
                Assert.Equal(naive.Indices, lazy.Indices);
                Assert.Equal(naive.Gains, lazy.Gains);
            }
        }, maxTest: 25);
    }

    [Fact]
    public void Lazy_greedy_with_pending_lists_equals_naive_greedy_on_points_without_clusters()
    {
        // Uniform points under a wide RBF: θ lies among values most points keep, the floor reaches it late, and bounds
        // are rarely worth giving.
        var random = new Random(91);
        var x = new float[500, 16];
        for (int i = 0; i < 500; i++)
        {
            for (int t = 0; t < 16; t++)
            {
                x[i, t] = (2 * random.NextSingle()) - 1;
            }
        }

        Memory2D<float> similarity = Gram.ComputeSymmetric(new ReadOnlyMemory2D<float>(x), Kernel.Rbf(0.2f / 16));
        foreach (int k in new[] { 20, 150 })
        {
            FacilityLocationResult naive = FacilityLocation.Maximize(similarity, k, new FacilityLocationOptions { Optimizer = FacilityLocationOptimizer.Naive }, SimilarityLayout.CandidateMajor);
            FacilityLocationResult lazy = FacilityLocation.Maximize(similarity, k, null, SimilarityLayout.CandidateMajor);
            Assert.Equal(naive.Indices, lazy.Indices);
            Assert.Equal(naive.Gains, lazy.Gains);
        }
    }

    [Fact]
    public void The_threshold_is_a_sampled_entry_and_the_same_for_the_same_matrix()
    {
        var random = new Random(89);
        float[] values = [.. Enumerable.Range(0, 100_000).Select(_ => random.NextSingle())];
        float theta = DenseSimilaritySource.PendingListThreshold(values);
        Assert.Equal(theta, DenseSimilaritySource.PendingListThreshold(values));
        Assert.Contains(theta, values);
        // About 1/32 of the entries lie above it (a 4096-entry sample: loose limits).
        double above = values.Count(v => v > theta) / (double)values.Length;
        Assert.InRange(above, 0.5 / DenseSimilaritySource.PendingListShareDivisor, 2.0 / DenseSimilaritySource.PendingListShareDivisor);
        Assert.Equal(0.25f, DenseSimilaritySource.PendingListThreshold([.. Enumerable.Repeat(0.25f, 1000)]));
    }

    [Theory]
    [InlineData(5, 10)]
    [InlineData(7, 129)]
    [InlineData(69, 64)]
    public void The_single_read_first_pass_names_the_row_and_column_of_a_bad_entry(int row, int column)
    {
        float[,] s = RandomSimilarity(new Random(97), 70, 0);
        var wide = new float[70, 130];
        for (int j = 0; j < 70; j++)
        {
            for (int i = 0; i < 130; i++)
            {
                wide[j, i] = s[j, i % 70];
            }
        }

        wide[row, column] = -1f;
        var e = Assert.Throws<ArgumentException>(() => FacilityLocation.Maximize(wide, 3, null, SimilarityLayout.CandidateMajor));
        Assert.Contains($"row {row}, column {column}", e.Message);
    }

    [Fact]
    public void The_upper_bound_rounds_up()
    {
        var random = new Random(101);
        for (int t = 0; t < 10_000; t++)
        {
            float listed = random.NextSingle() * 100f, leftOut = random.NextSingle() * 10f, excess = random.NextSingle() * 10f;
            double gamma = random.NextDouble() * 0.01;
            double exact = (1 + gamma) * ((listed / (1 - gamma)) + Math.Min(leftOut, excess / (1 - gamma)));
            Assert.True(DenseSimilaritySource.UpperBound(listed, leftOut, excess, gamma) >= exact);
        }

        Assert.Null(DenseSimilaritySource.BoundGamma(8_000_000));
        Assert.NotNull(DenseSimilaritySource.BoundGamma(20_000));
    }

    /// <summary>A candidate-major similarity with clusters of large entries and a sea of small ones.</summary>
    private static float[,] RandomSimilarity(Random random, int n, int trial)
    {
        var s = new float[n, n];
        int clusters = 3 + (trial % 7);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                s[j, i] = j % clusters == i % clusters ? 0.2f + (0.8f * random.NextSingle()) : 0.02f * random.NextSingle();
            }
        }

        return s;
    }

    /// <summary>Forwards to a dense source and counts the re-evaluations it answers with bounds.</summary>
    private sealed class BoundCountingSource(DenseSimilaritySource inner) : ISimilaritySource, IGainBoundSource
    {
        public int Bounds { get; private set; }

        public int RepresentedCount => inner.RepresentedCount;

        public int CandidateCount => inner.CandidateCount;

        public float Gain(int candidate, ReadOnlySpan<float> coverage) => inner.Gain(candidate, coverage);

        public void Gains(ReadOnlySpan<int> candidates, float[] coverage, Span<float> gains, int maxDegreeOfParallelism) =>
            inner.Gains(candidates, coverage, gains, maxDegreeOfParallelism);

        public void GainsOrBounds(ReadOnlySpan<int> candidates, float[] coverage, Span<float> values, bool[] isBound, int maxDegreeOfParallelism, float usefulBelow)
        {
            inner.GainsOrBounds(candidates, coverage, values, isBound, maxDegreeOfParallelism, usefulBelow);
            foreach (int j in candidates)
            {
                Bounds += isBound[j] ? 1 : 0;
            }
        }

        public void Cover(int candidate, Span<float> coverage) => inner.Cover(candidate, coverage);
    }
}
