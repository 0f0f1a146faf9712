using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

/// <summary>Skipping covered groups of 64 represented points: the same floats as the full gain, and a coherent point order.</summary>
public class CoveredGroupSkippingTests
{
    public static TheoryData<string> Paths() => FacilityGainKernelTests.Paths();

    /// <summary>Random s and cur where about half the groups are dominated (cur ≥ every s of the group), some exactly at equality.</summary>
    internal static (float[] S, float[] Cur) DominatedInstance(Random random, int length)
    {
        float[] s = new float[length];
        float[] cur = new float[length];
        for (int i = 0; i < length; i++)
        {
            s[i] = random.NextSingle();
            cur[i] = random.NextSingle() * 0.5f;
        }

        for (int g = 0; g < length / 64; g++)
        {
            if (random.Next(2) == 0)
            {
                float groupMax = 0f;
                for (int i = g * 64; i < (g + 1) * 64; i++)
                {
                    groupMax = Math.Max(groupMax, s[i]);
                }

                for (int i = g * 64; i < (g + 1) * 64; i++)
                {
                    // Equality in some entries: their terms are exactly zero, like the strictly covered ones.
                    cur[i] = random.Next(4) == 0 ? groupMax : groupMax + random.NextSingle();
                }
            }
        }

        return (s, cur);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Skipping_dominated_groups_returns_the_bitwise_same_gain_as_the_full_pass(string pathName)
    {
        var path = Enum.Parse<GainKernelPath>(pathName);
        var random = new Random(23);
        for (int length = 0; length <= 400; length += length < 140 ? 1 : 37)
        {
            (float[] s, float[] cur) = DominatedInstance(random, length);
            int groups = FacilityGainKernel.GroupCount(length);
            float[] maxima = new float[groups];
            float[] minima = new float[groups];
            FacilityGainKernel.GroupMaxima(s, maxima);
            FacilityGainKernel.GroupMinima(cur, minima);
            float full = FacilityGainKernel.Sum(s, cur, path);
            float skipping = FacilityGainKernel.SumSkippingCovered(s, cur, maxima, minima, path);
            Assert.Equal(BitConverter.SingleToInt32Bits(full), BitConverter.SingleToInt32Bits(skipping));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_group_reported_as_dominated_is_left_out_of_the_sum(string pathName)
    {
        // Group maxima that claim every even group is covered (they are not): the sum must drop exactly those groups,
        // which shows the kernel really skips and skips nothing else (the remainder after the last full group stays).
        var path = Enum.Parse<GainKernelPath>(pathName);
        var random = new Random(29);
        foreach (int length in new[] { 64, 100, 128, 200, 257, 1000 })
        {
            float[] s = new float[length];
            float[] cur = new float[length];
            for (int i = 0; i < length; i++)
            {
                s[i] = 1 + random.Next(4);
                cur[i] = random.Next(3);
            }

            int groups = FacilityGainKernel.GroupCount(length);
            float[] maxima = new float[groups];
            float[] minima = new float[groups];
            double expected = 0;
            for (int g = 0; g < groups; g++)
            {
                maxima[g] = g % 2 == 0 ? 0f : 10f;
                minima[g] = 1f;
            }

            for (int i = 0; i < length; i++)
            {
                int g = i / 64;
                bool skipped = g < groups && g % 2 == 0 && path != GainKernelPath.Scalar;
                expected += skipped ? 0 : Math.Max(s[i] - cur[i], 0);
            }

            Assert.Equal(expected, FacilityGainKernel.SumSkippingCovered(s, cur, maxima, minima, path));
        }
    }

    [Fact]
    public void Group_maxima_and_minima_match_a_naive_scan_of_each_full_group()
    {
        var random = new Random(31);
        foreach (int length in new[] { 0, 63, 64, 65, 191, 640 })
        {
            float[] v = new float[length];
            for (int i = 0; i < length; i++)
            {
                v[i] = (random.NextSingle() * 10) - 5;
            }

            int groups = length / 64;
            float[] maxima = new float[groups];
            float[] minima = new float[groups];
            FacilityGainKernel.GroupMaxima(v, maxima);
            FacilityGainKernel.GroupMinima(v, minima);
            for (int g = 0; g < groups; g++)
            {
                Assert.Equal(v.Skip(g * 64).Take(64).Max(), maxima[g]);
                Assert.Equal(v.Skip(g * 64).Take(64).Min(), minima[g]);
            }
        }
    }

    [Fact]
    public void Represented_order_is_a_thread_independent_permutation_that_keeps_separated_blobs_together()
    {
        // Blobs far apart (centres 1000 apart, spread 1): every pivot's cell lies inside one blob, so along the order the
        // blob changes at most (cells − 1) times, where the input order (blobs interleaved) changes almost every point.
        var cases = from blobs in Gen.Choose(2, 6)
                    from perBlob in Gen.Choose(40, 300)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (blobs, perBlob, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int n = c.blobs * c.perBlob;
            var random = new Random(c.seed);
            float[,] x = new float[n, 3];
            int[] blobOf = new int[n];
            for (int i = 0; i < n; i++)
            {
                blobOf[i] = random.Next(c.blobs);
                for (int f = 0; f < 3; f++)
                {
                    x[i, f] = (f == 0 ? 1000f * blobOf[i] : 0f) + random.NextSingle();
                }
            }

            int[] order = DenseSimilarityLayout.RepresentedOrder(new ReadOnlySpan2D<float>(x), maxDegreeOfParallelism: 1);
            Assert.Equal(order, DenseSimilarityLayout.RepresentedOrder(new ReadOnlySpan2D<float>(x), maxDegreeOfParallelism: 2));
            Assert.Equal(Enumerable.Range(0, n), order.Order());
            int cells = n / DenseSimilarityLayout.PointsPerPivot;
            if (cells < 2)
            {
                Assert.Equal(Enumerable.Range(0, n), order);
                return;
            }

            // With at least one pivot per blob, farthest-first puts one in every blob first, so every cell is inside a blob.
            int changes = Enumerable.Range(1, n - 1).Count(r => blobOf[order[r]] != blobOf[order[r - 1]]);
            if (cells >= c.blobs)
            {
                Assert.True(changes <= cells - 1, $"{changes} blob changes with {cells} cells");
                Assert.True(changes >= c.blobs - 1);
            }
        }, maxTest: 40);
    }

    [Fact]
    public void Dense_feature_lazy_greedy_with_group_skipping_picks_exactly_like_naive_greedy()
    {
        // n ≥ 128 so rows have full groups, blobs so that groups get covered and skipped; the naive optimizer sums every
        // group of the same (coherently ordered) matrix.
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
}
