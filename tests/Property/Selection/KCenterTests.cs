using CommunityToolkit.HighPerformance;
using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

public class KCenterTests
{
    /// <summary>Naive farthest-first in double: min distance of every point to the given centres.</summary>
    private static double[] NaiveMinDistances(float[,] x, IReadOnlyList<int> centers)
    {
        int n = x.GetLength(0);
        var min = new double[n];
        for (int i = 0; i < n; i++)
        {
            min[i] = double.PositiveInfinity;
            foreach (int c in centers)
            {
                min[i] = Math.Min(min[i], Math.Sqrt(Reference.SquaredDistance(x, i, x, c)));
            }
        }

        return min;
    }

    /// <summary>Gaussian-like blobs around a few centres, so that the triangle-inequality skip is exercised.</summary>
    private static float[,] Blobs(int n, int d, int centres, int seed)
    {
        var random = new Random(seed);
        var mu = Reference.RandomMatrix(centres, d, seed + 7, 10f);
        var x = new float[n, d];
        for (int i = 0; i < n; i++)
        {
            int c = random.Next(centres);
            for (int j = 0; j < d; j++)
            {
                x[i, j] = mu[c, j] + (random.NextSingle() - 0.5f) + (random.NextSingle() - 0.5f);
            }
        }

        return x;
    }

    [Fact]
    public void Every_pick_is_a_farthest_point_and_radius_equals_naive_max_min_distance()
    {
        var cases = from n in Gen.Choose(1, 60)
                    from d in Gen.Choose(1, 40)
                    from kFraction in Gen.Choose(0, 100)
                    from startFraction in Gen.Choose(0, 99)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, k: n * kFraction / 100, start: n * startFraction / 100, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.RandomMatrix(c.n, c.d, c.seed, 3f);
            KCenterResult result = KCenter.Select(new ReadOnlySpan2D<float>(x), c.k, c.start);
            Assert.Equal(c.k, result.Indices.Length);
            Assert.Equal(c.k, result.CoveringRadii.Length);
            var chosen = new List<int>();
            for (int t = 0; t < c.k; t++)
            {
                int pick = result.Indices[t];
                Assert.DoesNotContain(pick, chosen);
                if (t == 0)
                {
                    Assert.Equal(c.start, pick);
                }
                else
                {
                    double[] min = NaiveMinDistances(x, chosen);
                    double farthest = min.Max();
                    Assert.True(min[pick] >= farthest * (1 - 1e-5) - 1e-6, $"pick {t} = {pick} at {min[pick]}, farthest {farthest}");
                }

                chosen.Add(pick);
                double radius = NaiveMinDistances(x, chosen).Max();
                Assert.True(Math.Abs(result.CoveringRadii[t] - radius) <= (radius * 1e-5) + 1e-6, $"radius {t}: {result.CoveringRadii[t]} vs {radius}");
                if (t > 0)
                {
                    Assert.True(result.CoveringRadii[t] <= result.CoveringRadii[t - 1], "radius increased");
                }
            }
        }, maxTest: 60);
    }

    [Fact]
    public void Picks_equal_naive_farthest_first_with_ties_to_lowest_index_on_exact_grid_points()
    {
        var cases = from n in Gen.Choose(1, 80)
                    from d in Gen.Choose(1, 5)
                    from levels in Gen.Choose(1, 3)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, levels, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.IntegerGrid(c.n, c.d, 0, c.levels, new Random(c.seed));
            int k = c.n;
            KCenterResult result = KCenter.Select(new ReadOnlySpan2D<float>(x), k, 0);
            var chosen = new List<int> { 0 };
            var expected = new List<int> { 0 };
            for (int t = 1; t < k; t++)
            {
                double[] min = NaiveMinDistances(x, chosen);
                int best = -1;
                for (int i = 0; i < c.n; i++)
                {
                    if (!chosen.Contains(i) && (best < 0 || min[i] > min[best]))
                    {
                        best = i;
                    }
                }

                chosen.Add(best);
                expected.Add(best);
            }

            Assert.Equal(expected, result.Indices);
            Assert.Equal(0f, result.CoveringRadius);
        }, maxTest: 60);
    }

    [Theory]
    [InlineData(3000, 7, 20, 60, 1)]
    [InlineData(2500, 33, 5, 40, 2)]
    [InlineData(1025, 16, 50, 300, 3)]
    public void Triangle_inequality_skip_and_thread_count_do_not_change_the_result(int n, int d, int centres, int k, int seed)
    {
        float[,] x = Blobs(n, d, centres, seed);
        var points = new ReadOnlySpan2D<float>(x);
        KCenterResult pruned = KCenter.Select(points, k, seed);
        KCenterResult full = KCenterEngine.Run(points, k, seed, prune: false, maxDegreeOfParallelism: -1);
        KCenterResult serial = KCenterEngine.Run(points, k, seed, prune: true, maxDegreeOfParallelism: 1);
        Assert.Equal(full.Indices, pruned.Indices);
        Assert.Equal(full.CoveringRadii, pruned.CoveringRadii);
        Assert.Equal(serial.Indices, pruned.Indices);
        Assert.Equal(serial.CoveringRadii, pruned.CoveringRadii);
    }

    [Fact]
    public void Seeded_start_is_deterministic_and_in_range()
    {
        float[,] x = Reference.RandomMatrix(50, 4, 11);
        var points = new ReadOnlySpan2D<float>(x);
        var starts = new HashSet<int>();
        for (ulong seed = 0; seed < 40; seed++)
        {
            KCenterResult a = KCenter.SelectSeeded(points, 10, seed);
            KCenterResult b = KCenter.SelectSeeded(points, 10, seed);
            Assert.Equal(a.Indices, b.Indices);
            Assert.InRange(a.Indices[0], 0, 49);
            Assert.Equal(KCenter.Select(points, 10, a.Indices[0]).Indices, a.Indices);
            starts.Add(a.Indices[0]);
        }

        Assert.True(starts.Count > 10, "the seed does not move the start point");
    }

    [Fact]
    public void Bad_input_throws_argument_exception_naming_the_parameter()
    {
        float[,] x = Reference.RandomMatrix(5, 3, 1);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => KCenter.Select(new ReadOnlySpan2D<float>(x), 6, 0)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => KCenter.Select(new ReadOnlySpan2D<float>(x), -1, 0)).ParamName);
        Assert.Equal("start", Assert.ThrowsAny<ArgumentException>(() => KCenter.Select(new ReadOnlySpan2D<float>(x), 2, 5)).ParamName);
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => KCenter.Select(new ReadOnlySpan2D<float>(new float[0, 3]), 0, 0)).ParamName);
        x[2, 1] = float.NaN;
        Assert.Equal("points", Assert.ThrowsAny<ArgumentException>(() => KCenter.Select(new ReadOnlySpan2D<float>(x), 2, 0)).ParamName);
    }

    [Fact]
    public void Zero_centres_give_an_empty_selection_with_infinite_radius()
    {
        KCenterResult result = KCenter.Select(new ReadOnlySpan2D<float>(Reference.RandomMatrix(4, 2, 3)), 0, 0);
        Assert.Empty(result.Indices);
        Assert.Equal(float.PositiveInfinity, result.CoveringRadius);
    }
}
