using CommunityToolkit.HighPerformance;
using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

/// <summary>
/// The cluster-ordered storage of <see cref="KCenterEngine"/> (row copies moved between segments, compaction, growth)
/// and its parallel scan, run on small inputs through tiny tuning sizes, against a naive double farthest-first traversal.
/// </summary>
public class KCenterClusterStorageTests
{
    /// <summary>Naive farthest-first in double, one O(n·d) update per pick; ties to the lowest index, centres never re-picked.</summary>
    private static List<int> NaiveTraversal(float[,] x, int k, int start)
    {
        int n = x.GetLength(0);
        var min = new double[n];
        var chosen = new bool[n];
        Array.Fill(min, double.PositiveInfinity);
        var order = new List<int>();
        int next = start;
        for (int t = 0; t < k; t++)
        {
            order.Add(next);
            chosen[next] = true;
            int best = -1;
            for (int i = 0; i < n; i++)
            {
                min[i] = Math.Min(min[i], Reference.SquaredDistance(x, i, x, next));
                if (!chosen[i] && (best < 0 || min[i] > min[best]))
                {
                    best = i;
                }
            }

            next = best;
        }

        return order;
    }

    private static readonly KCenterTuning[] Tunings =
    [
        new(ParallelThreshold: int.MaxValue, ChunkSize: 2048, SwitchFraction: 2),
        new(ParallelThreshold: 1, ChunkSize: 1, SwitchFraction: 2),
        new(ParallelThreshold: 16, ChunkSize: 5, SwitchFraction: 0.5),
        new(ParallelThreshold: 64, ChunkSize: 32, SwitchFraction: 0.1),
        new(ParallelThreshold: 1, ChunkSize: 3, SwitchFraction: 0),
    ];

    /// <summary>
    /// After pick t: every row is in exactly one of the clusters 0..t, as an exact copy, with its min distance equal to
    /// the float32 distance to its cluster's centre (or "selected" for the centres), and each cluster's farthest member
    /// is its largest min distance at the lowest row index.
    /// </summary>
    private static unsafe Action<int, KCenterClusters> CheckStorage(float[,] x, List<int> centres)
    {
        int n = x.GetLength(0);
        int d = x.GetLength(1);
        return (t, clusters) =>
        {
            var seen = new bool[n];
            fixed (float* px = x)
            {
                for (int s = 0; s <= t; s++)
                {
                    float best = float.NegativeInfinity;
                    int arg = int.MaxValue;
                    var slots = new List<int>();
                    for (int piece = clusters.Head[s]; piece >= 0; piece = clusters.NextPiece(piece))
                    {
                        Assert.True(clusters.PieceCount[piece] > 0, $"pick {t}: empty piece in cluster {s}");
                        slots.AddRange(Enumerable.Range(clusters.PieceStart[piece], clusters.PieceCount[piece]));
                    }

                    Assert.Equal(clusters.Count[s], slots.Count);
                    foreach (int slot in slots)
                    {
                        int i = clusters.Index[slot];
                        Assert.False(seen[i], $"pick {t}: row {i} in two clusters");
                        seen[i] = true;
                        Assert.True(new ReadOnlySpan<float>(clusters.Row(slot), d).SequenceEqual(new ReadOnlySpan<float>(px + (i * d), d)), $"pick {t}: row {i} copy differs");
                        float expected = centres.IndexOf(i) is int at && at >= 0 && at <= t
                            ? KCenterEngine.Selected
                            : SquaredDistance.ComputeScalar(px + (i * d), px + (centres[s] * d), 0, d, 0f);
                        Assert.Equal(expected, clusters.Min[slot]);
                        if (clusters.Min[slot] > best || (clusters.Min[slot] == best && i < arg))
                        {
                            (best, arg) = (clusters.Min[slot], i);
                        }
                    }

                    if (clusters.Count[s] > 0)
                    {
                        Assert.Equal(best, clusters.Max[s]);
                        Assert.Equal(arg, clusters.ArgIndex(s));
                    }
                }
            }

            Assert.DoesNotContain(false, seen);
        };
    }

    [Fact]
    public void Every_tuning_and_thread_count_gives_the_naive_order_on_integer_points_with_ties()
    {
        // Small-integer coordinates: every float32 distance is exact, so the whole order (ties to the lowest index,
        // duplicates, k = n) must equal the naive traversal exactly.
        var cases = from n in Gen.Choose(1, 300)
                    from d in Gen.Choose(1, 9)
                    from levels in Gen.Choose(1, 12)
                    from kFraction in Gen.Choose(1, 100)
                    from startFraction in Gen.Choose(0, 99)
                    from tuning in Gen.Choose(0, Tunings.Length - 1)
                    from threads in Gen.Elements(1, 2, -1)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, levels, k: Math.Max(1, n * kFraction / 100), start: n * startFraction / 100, tuning, threads, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.IntegerGrid(c.n, c.d, 0, c.levels, new Random(c.seed));
            KCenterResult result = KCenterEngine.Run(new ReadOnlySpan2D<float>(x), c.k, c.start, prune: true, c.threads, Tunings[c.tuning]);
            List<int> expected = NaiveTraversal(x, c.k, c.start);
            Assert.Equal(expected, result.Indices);
            KCenterEngine.Run(new ReadOnlySpan2D<float>(x), c.k, c.start, prune: true, c.threads, Tunings[c.tuning] with { AfterPick = CheckStorage(x, expected) });
        }, maxTest: 150);
    }

    [Theory]
    [InlineData(4000, 16, 12, 200, 0)]
    [InlineData(3001, 7, 30, 400, 1)]
    [InlineData(2048, 33, 5, 2048, 2)]
    public void Clustered_data_with_early_switch_and_parallel_chunks_matches_the_naive_order(int n, int d, int levels, int k, int tuning)
    {
        // Clustered integer points (a few far-apart blobs of small-integer offsets): the skips and several-cluster
        // splits are exercised, and distances stay exact.
        var random = new Random(n + d);
        float[,] x = Reference.IntegerGrid(n, d, 0, levels, random);
        for (int i = 0; i < n; i++)
        {
            int blob = random.Next(6);
            for (int j = 0; j < d; j++)
            {
                x[i, j] += ((blob * 37) + (j * blob * 11)) % 200;
            }
        }

        List<int> expected = NaiveTraversal(x, k, 3);
        foreach (int threads in new[] { 1, -1 })
        {
            KCenterResult result = KCenterEngine.Run(new ReadOnlySpan2D<float>(x), k, 3, prune: true, threads, Tunings[tuning]);
            Assert.Equal(expected, result.Indices);
        }

        // The storage itself, pick by pick (the centres are the naive ones, checked equal above).
        int checkedK = Math.Min(k, 120);
        KCenterEngine.Run(new ReadOnlySpan2D<float>(x), checkedK, 3, prune: true, -1, Tunings[tuning] with { AfterPick = CheckStorage(x, expected) });
    }
}
