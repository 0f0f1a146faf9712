using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Tests.Selection;

/// <summary>
/// Lists of live entries (sᵢ &gt; curᵢ): the listed gain is the full pass's float on every path, the fused pass finds
/// exactly the live entries, lists prune and cover like whole rows, and greedy runs that read them pick and gain
/// bit-for-bit like runs that read whole rows.
/// </summary>
public class LiveEntriesTests
{
    public static TheoryData<string> Paths() => FacilityGainKernelTests.Paths();

    /// <summary>Random s and cur with about half the entries dead, some of them exactly at equality.</summary>
    private static (float[] S, float[] Cur) HalfDeadInstance(Random random, int length)
    {
        float[] s = new float[length];
        float[] cur = new float[length];
        for (int i = 0; i < length; i++)
        {
            s[i] = random.NextSingle();
            cur[i] = random.Next(8) == 0 ? s[i] : random.NextSingle();
        }

        return (s, cur);
    }

    private static int[] LiveIndices(float[] s, float[] cur) => [.. Enumerable.Range(0, s.Length).Where(i => s[i] > cur[i])];

    [Theory]
    [MemberData(nameof(Paths))]
    public void The_listed_gain_is_the_bitwise_full_pass_whatever_dead_entries_the_list_still_holds(string pathName)
    {
        var path = Enum.Parse<GainKernelPath>(pathName);
        var random = new Random(41);
        for (int length = 1; length <= 400; length += length < 140 ? 1 : 37)
        {
            (float[] s, float[] cur) = HalfDeadInstance(random, length);
            // Every live entry, and each dead one with probability ½ (a list made earlier that has not been pruned).
            int[] listed = [.. Enumerable.Range(0, length).Where(i => s[i] > cur[i] || random.Next(2) == 0)];
            float[] values = [.. listed.Select(i => s[i])];
            float full = FacilityGainKernel.Sum(s, cur, path);
            float fromList = FacilityGainKernel.SumListed(listed, values, cur, path, out int stillLive);
            Assert.Equal(BitConverter.SingleToInt32Bits(full), BitConverter.SingleToInt32Bits(fromList));
            // The live entries are moved to the front, in order, with their values.
            int[] live = LiveIndices(s, cur);
            Assert.Equal(live, listed[..stillLive]);
            Assert.Equal(live.Select(i => s[i]), values[..stillLive]);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_list_missing_a_live_entry_gives_a_different_gain(string pathName)
    {
        // The listed sum really reads the list: dropping one live entry (a term of 1, far above rounding) changes it.
        var path = Enum.Parse<GainKernelPath>(pathName);
        var random = new Random(43);
        foreach (int length in new[] { 3, 17, 64, 100, 257 })
        {
            float[] s = [.. Enumerable.Range(0, length).Select(_ => 1f + random.Next(3))];
            float[] cur = new float[length];
            int[] live = LiveIndices(s, cur);
            int dropped = random.Next(live.Length);
            int[] listed = [.. live.Where((_, t) => t != dropped)];
            float fromList = FacilityGainKernel.SumListed(listed, [.. listed.Select(i => s[i])], cur, path, out _);
            Assert.Equal(FacilityGainKernel.Sum(s, cur, path) - s[live[dropped]], fromList);
        }
    }

    [Fact]
    public void The_fused_pass_returns_the_full_gain_and_exactly_the_live_entries()
    {
        var random = new Random(47);
        for (int length = 1; length <= 600; length += length < 140 ? 1 : 53)
        {
            (float[] s, float[] cur) = HalfDeadInstance(random, length);
            int[] expected = LiveIndices(s, cur);
            foreach (int limit in new[] { 0, length / 8, expected.Length, length })
            {
                int[] found = new int[limit + 64];
                float gain = FacilityGainKernel.SumCollectingLive(s, cur, found, limit, out int count);
                Assert.Equal(BitConverter.SingleToInt32Bits(FacilityGainKernel.Sum(s, cur)), BitConverter.SingleToInt32Bits(gain));
                if (expected.Length <= limit)
                {
                    Assert.Equal(expected, found[..count]);
                }
                else
                {
                    Assert.True(count > limit, $"length {length}, limit {limit}: {count} found of {expected.Length} live");
                }
            }
        }
    }

    [Fact]
    public void Collecting_live_entries_alone_finds_them_in_order_and_reports_too_many()
    {
        var random = new Random(53);
        for (int length = 1; length <= 600; length += length < 140 ? 1 : 53)
        {
            (float[] s, float[] cur) = HalfDeadInstance(random, length);
            int[] expected = LiveIndices(s, cur);
            int[] found = new int[length + 64];
            int count = FacilityGainKernel.CollectLive(s, cur, found, length);
            Assert.Equal(expected, found[..count]);
            if (expected.Length > 0)
            {
                Assert.True(FacilityGainKernel.CollectLive(s, cur, found, expected.Length - 1) > expected.Length - 1);
            }
        }
    }

    [Fact]
    public void Lists_give_the_full_gain_drop_dead_entries_and_cover_like_the_whole_row()
    {
        var random = new Random(59);
        const int length = 300;
        var entries = new LiveEntries(rows: 4, rowLength: length);
        Assert.Equal(length / 8, entries.MaximumLength);
        for (int row = 0; row < 4; row++)
        {
            float[] s = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle())];
            // A coverage under which about a tenth of the row is live.
            float[] cur = [.. s.Select(v => random.Next(10) == 0 ? v * 0.5f : v + random.NextSingle())];
            Assert.False(entries.TryGet(row, out _, out _));
            Assert.True(entries.CanMake(row));
            entries.Make(row, LiveIndices(s, cur), s);
            Assert.False(entries.CanMake(row));
            for (int round = 0; round < 3; round++)
            {
                // The coverage grows; the pruned list holds exactly the entries still live, with their values.
                for (int i = 0; i < length; i++)
                {
                    cur[i] = random.Next(3) == 0 ? Math.Max(cur[i], s[i] * random.NextSingle() * 1.5f) : cur[i];
                }

                Assert.True(entries.TryGain(row, cur, out float gain));
                Assert.Equal(BitConverter.SingleToInt32Bits(FacilityGainKernel.Sum(s, cur)), BitConverter.SingleToInt32Bits(gain));
                Assert.True(entries.TryGet(row, out Span<int> indices, out Span<float> values));
                int[] live = LiveIndices(s, cur);
                Assert.Equal(live, indices.ToArray());
                Assert.Equal(live.Select(i => s[i]), values.ToArray());
                float[] covered = [.. cur];
                float[] expected = [.. cur.Select((c, i) => Math.Max(c, s[i]))];
                Assert.True(entries.TryCover(row, covered));
                Assert.Equal(expected, covered);
            }
        }

        // Disposed: the pooled chunks are returned, no list is left and none can be made.
        entries.Dispose();
        for (int row = 0; row < 4; row++)
        {
            Assert.False(entries.TryGet(row, out _, out _));
            Assert.False(entries.CanMake(row));
        }
    }

    [Fact]
    public void Raising_the_coverage_by_a_whole_row_is_the_elementwise_ieee_maximum()
    {
        var random = new Random(67);
        for (int length = 0; length <= 300; length += length < 70 ? 1 : 23)
        {
            float[] s = [.. Enumerable.Range(0, length).Select(i => i % 7 == 0 ? -0f : random.NextSingle())];
            float[] cur = [.. Enumerable.Range(0, length).Select(i => i % 5 == 0 ? 0f : random.NextSingle())];
            float[] expected = new float[length];
            System.Numerics.Tensors.TensorPrimitives.Max(cur, s, expected);
            DenseSimilaritySource.RaiseCoverage(cur, s);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), cur.Select(BitConverter.SingleToInt32Bits));
        }
    }

    public static TheoryData<FacilityLocationOptimizer, int> Runs() => new()
    {
        { FacilityLocationOptimizer.Lazy, 211 }, { FacilityLocationOptimizer.Lazy, 384 }, { FacilityLocationOptimizer.Naive, 150 },
        { FacilityLocationOptimizer.Stochastic, 300 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Greedy_reading_live_lists_picks_and_gains_exactly_like_greedy_reading_whole_rows(FacilityLocationOptimizer optimizer, int n)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            float[,] x = SimilarityInstances.Blobs(n, 8, centres: 12, seed);
            Memory2D<float> similarity = Gram.ComputeSymmetric(new ReadOnlyMemory2D<float>(x), Kernel.Rbf());
            int k = n / 3;
            (FacilityLocationResult whole, _) = RunGreedy(similarity, k, optimizer, track: false, seed);
            (FacilityLocationResult listed, long stored) = RunGreedy(similarity, k, optimizer, track: true, seed);
            Assert.Equal(whole.Indices, listed.Indices);
            Assert.Equal(whole.Gains, listed.Gains);
            Assert.True(stored > 0, "no list was made: the test would not exercise them");
        }
    }

    private static (FacilityLocationResult Result, long Stored) RunGreedy(Memory2D<float> similarity, int k, FacilityLocationOptimizer optimizer, bool track, int seed)
    {
        DenseSimilaritySource source = DenseSimilarityLayout.FromCandidateMajor(similarity);
        var state = new GreedyState(source, k, null, null, double.PositiveInfinity, null, -1);
        if (track)
        {
            source.TrackLiveEntries(state.Coverage);
        }

        switch (optimizer)
        {
            case FacilityLocationOptimizer.Naive:
                NaiveGreedy.Run(state, stopAtZeroGain: false);
                break;
            case FacilityLocationOptimizer.Stochastic:
                StochasticGreedy.Run(state, k, stopAtZeroGain: false, 0.1, seed);
                break;
            default:
                LazyGreedy.Run(state, stopAtZeroGain: false, batch: 4, maxBatch: 128);
                break;
        }

        long stored = source.Live?.Stored ?? 0;
        source.StopTrackingLiveEntries();
        Assert.Null(source.Live);
        return (state.ToResult(), stored);
    }
}
