using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

/// <summary>
/// The streamed similarity source's gains, computed piece by piece (candidate blocks × chunks of 256 represented points,
/// skipping pieces whose bounds prove every term zero): against a naive double reference, and exactly against themselves
/// however they are requested.
/// </summary>
public class StreamingGainsTests
{
    private static readonly KernelKind[] SimilarityKernels = [KernelKind.Rbf, KernelKind.Cosine, KernelKind.Linear];

    /// <summary>The documented nonnegative similarity in double.</summary>
    private static double Similarity(float[,] u, int i, float[,] x, int j, KernelKind kind)
    {
        double dot = Reference.Dot(u, i, x, j);
        return kind switch
        {
            KernelKind.Rbf => Math.Exp(-Reference.SquaredDistance(u, i, x, j) / x.GetLength(1)),
            KernelKind.Cosine => (1 + (dot / Math.Sqrt(Reference.Dot(u, i, u, i) * Reference.Dot(x, j, x, j)))) / 2,
            _ => Math.Max(dot, 0),
        };
    }

    private static StreamingSimilaritySource Source(float[,] x, float[,] u, KernelKind kind, int threads) =>
        new(new ReadOnlyMemory2D<float>(x), new ReadOnlyMemory2D<float>(u), new Kernel(kind), threads);

    /// <summary>Coverage from covering a few candidates (the library's own Cover, checked against the reference below).</summary>
    private static float[] Covered(StreamingSimilaritySource source, IEnumerable<int> picks)
    {
        float[] coverage = new float[source.RepresentedCount];
        foreach (int j in picks)
        {
            source.Cover(j, coverage);
        }

        return coverage;
    }

    [Fact]
    public void Gains_and_coverage_match_a_naive_double_reference_across_single_and_many_chunks()
    {
        // |U| from 1 to 900: one chunk (with and without a 16-wide body), several chunks, and ragged tails.
        var cases = from n in Gen.Choose(1, 40)
                    from m in Gen.Choose(1, 900)
                    from d in Gen.Choose(1, 8)
                    from kind in Gen.Elements(SimilarityKernels)
                    from picks in Gen.Choose(0, 3)
                    from seed in Gen.Choose(0, int.MaxValue - 2)
                    select (n, m, d, kind, picks, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.RandomMatrix(c.n, c.d, c.seed);
            float[,] u = Reference.RandomMatrix(c.m, c.d, c.seed + 1);
            var source = Source(x, u, c.kind, -1);
            int[] picked = [.. Enumerable.Range(0, Math.Min(c.picks, c.n))];
            float[] coverage = Covered(source, picked);
            var cur = new double[c.m];
            for (int i = 0; i < c.m; i++)
            {
                cur[i] = picked.Length == 0 ? 0 : picked.Max(j => Similarity(u, i, x, j, c.kind));
                Assert.Equal(cur[i], coverage[i], 1e-5 * Math.Max(1, cur[i]));
            }

            float[] gains = new float[c.n];
            source.Gains([.. Enumerable.Range(0, c.n)], coverage, gains, -1);
            for (int j = 0; j < c.n; j++)
            {
                double expected = 0, magnitude = 0;
                for (int i = 0; i < c.m; i++)
                {
                    double s = Similarity(u, i, x, j, c.kind);
                    expected += Math.Max(s - coverage[i], 0);
                    magnitude += s;
                }

                Assert.True(Math.Abs(gains[j] - expected) <= 1e-5 * (magnitude + 1), $"{c.kind} j={j}: {gains[j]} vs {expected}");
            }
        }, maxTest: 60);
    }

    [Fact]
    public void A_gain_is_bit_identical_alone_in_a_run_in_a_gathered_batch_and_for_any_thread_count()
    {
        var cases = from n in Gen.Choose(20, 120)
                    from m in Gen.Choose(500, 1400)
                    from d in Gen.Choose(2, 8)
                    from kind in Gen.Elements(SimilarityKernels)
                    from picks in Gen.Choose(0, 6)
                    from seed in Gen.Choose(0, int.MaxValue - 2)
                    select (n, m, d, kind, picks, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = SimilarityInstances.Blobs(c.n, c.d, 6, c.seed);
            float[,] u = SimilarityInstances.Blobs(c.m, c.d, 6, c.seed);
            var one = Source(x, u, c.kind, 1);
            var all = Source(x, u, c.kind, -1);
            float[] coverage = Covered(one, Enumerable.Range(0, c.picks).Select(t => t * 7 % c.n));
            Assert.Equal(coverage, Covered(all, Enumerable.Range(0, c.picks).Select(t => t * 7 % c.n)));
            int[] everyone = [.. Enumerable.Range(0, c.n)];
            float[] run = new float[c.n];
            all.Gains(everyone, coverage, run, -1);
            int[] scattered = [.. everyone.Where(j => (j * 2654435761u) % 3 == 0).Reverse()];
            float[] batch = new float[scattered.Length];
            one.Gains(scattered, coverage, batch, 1);
            for (int t = 0; t < scattered.Length; t++)
            {
                Assert.Equal(run[scattered[t]], batch[t]);
                Assert.Equal(run[scattered[t]], all.Gain(scattered[t], coverage));
            }
        }, maxTest: 30);
    }

    [Fact]
    public void Skipping_pieces_whose_bounds_prove_every_term_zero_changes_no_bit_of_any_gain()
    {
        // Clustered pools large enough for several chunks: after the first pass records the bounds and a few picks cover
        // whole clusters, many pieces are skipped; a fresh source (no bounds yet) computes every piece.
        var cases = from n in Gen.Choose(600, 1500)
                    from d in Gen.Choose(2, 6)
                    from kind in Gen.Elements(KernelKind.Rbf, KernelKind.Cosine)
                    from picks in Gen.Choose(4, 12)
                    from seed in Gen.Choose(0, int.MaxValue - 2)
                    select (n, d, kind, picks, seed);
        long skippable = 0;
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = SimilarityInstances.Blobs(c.n, c.d, 8, c.seed);
            var bounded = Source(x, x, c.kind, -1);
            var fresh = Source(x, x, c.kind, -1);
            Assert.NotNull(bounded.Bounds);
            int[] everyone = [.. Enumerable.Range(0, c.n)];
            float[] first = new float[c.n];
            bounded.Gains(everyone, new float[c.n], first, -1);
            float[] coverage = Covered(bounded, KCenter.Select(new ReadOnlySpan2D<float>(x), c.picks, 0).Indices);
            skippable += CountSkippable(bounded, coverage);
            float[] withSkips = new float[c.n];
            float[] without = new float[c.n];
            int[] scattered = [.. everyone.Where(j => j % 5 != 2)];
            bounded.Gains(scattered, coverage, withSkips.AsSpan(0, scattered.Length), -1);
            fresh.Gains(scattered, coverage, without.AsSpan(0, scattered.Length), -1);
            Assert.Equal(without, withSkips);
        }, maxTest: 20);
        Assert.True(skippable > 0, "no piece was skippable: the property did not exercise the skips");
    }

    [Fact]
    public void The_symmetric_all_candidate_pass_of_a_pool_equals_the_row_by_row_gains_bitwise()
    {
        // A pool covering itself with several chunks: Gains over every candidate computes each pair of chunks once and
        // uses it transposed; leaving out candidate 0 forces the row-by-row pieces for the others.
        var cases = from n in Gen.Choose(300, 1300)
                    from d in Gen.Choose(1, 7)
                    from kind in Gen.Elements(SimilarityKernels)
                    from picks in Gen.Choose(0, 5)
                    from threads in Gen.Elements(1, 2, -1)
                    from seed in Gen.Choose(0, int.MaxValue - 2)
                    select (n, d, kind, picks, threads, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = SimilarityInstances.Blobs(c.n, c.d, 5, c.seed);
            var source = Source(x, x, c.kind, c.threads);
            float[] coverage = Covered(source, Enumerable.Range(0, c.picks).Select(t => t * 11 % c.n));
            float[] all = new float[c.n];
            source.Gains([.. Enumerable.Range(0, c.n)], coverage, all, c.threads);
            float[] rest = new float[c.n - 1];
            source.Gains([.. Enumerable.Range(1, c.n - 1)], coverage, rest, c.threads);
            Assert.Equal(all.AsSpan(1).ToArray(), rest);
            Assert.Equal(all[0], source.Gain(0, coverage));
        }, maxTest: 30);
    }

    /// <summary>How many (candidate, chunk) pieces the recorded bounds allow to skip at this coverage (in the source's packed order).</summary>
    private static long CountSkippable(StreamingSimilaritySource source, float[] coverage)
    {
        ChunkBounds bounds = source.Bounds!;
        int m = coverage.Length;
        long count = 0;
        for (int c = 0; c < bounds.Chunks; c++)
        {
            int c0 = c * StreamedGains.ChunkColumns;
            int c1 = c == bounds.Chunks - 1 ? m : c0 + StreamedGains.ChunkColumns;
            float least = float.PositiveInfinity;
            for (int q = c0; q < c1; q++)
            {
                least = Math.Min(least, coverage[source.Order![q]]);
            }

            for (int j = 0; j < source.CandidateCount; j++)
            {
                count += bounds[j, c] <= ChunkBounds.Limit(least) ? 1 : 0;
            }
        }

        return count;
    }

    [Fact]
    public void Accumulating_a_gain_in_pieces_of_whole_blocks_equals_the_one_pass_Vector512_order()
    {
        var cases = from length in Gen.Choose(16, 700)
                    from cut in Gen.Choose(0, 10)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (length, cut, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            float[] s = [.. Enumerable.Range(0, c.length).Select(_ => random.NextSingle())];
            float[] cur = [.. Enumerable.Range(0, c.length).Select(_ => random.Next(3) == 0 ? 0f : random.NextSingle())];
            int blocks = c.length / GainAccumulator512.BlockLength * GainAccumulator512.BlockLength;
            int split = Math.Min(blocks, c.cut * GainAccumulator512.BlockLength);
            var sum = default(GainAccumulator512);
            sum.AddBlocks<PositivePartOfDifference>(s.AsSpan(0, split), cur.AsSpan(0, split));
            sum.AddBlocks<PositivePartOfDifference>(s.AsSpan(split, blocks - split), cur.AsSpan(split, blocks - split));
            Assert.Equal(FacilityGainKernel.SumInVector512Order(s, cur), sum.Finish<PositivePartOfDifference>(s, cur, blocks));
            double expected = s.Zip(cur, (a, b) => Math.Max((double)a - b, 0)).Sum();
            Assert.Equal(expected, sum.Finish<PositivePartOfDifference>(s, cur, blocks), 1e-5 * c.length);
        }, maxTest: 200);
    }

    [Fact]
    public void The_spatial_order_is_a_permutation_sorted_by_cell_then_index()
    {
        Properties.ForAll(Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            int[] cells = [.. Enumerable.Range(0, random.Next(1, 300)).Select(_ => random.Next(5))];
            int[] order = SpatialOrder.Order(cells);
            int[] expected = [.. Enumerable.Range(0, cells.Length).OrderBy(i => cells[i]).ThenBy(i => i)];
            Assert.Equal(expected, order);
        }, maxTest: 50);
    }
}
