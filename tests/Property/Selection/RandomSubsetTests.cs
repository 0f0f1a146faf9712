using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

public class RandomSubsetTests
{
    [Fact]
    public void Subset_is_distinct_in_range_of_size_k_and_deterministic_per_seed()
    {
        var cases = from n in Gen.Choose(0, 200)
                    from kFraction in Gen.Choose(0, 100)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, k: n * kFraction / 100, seed: (ulong)seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int[] subset = RandomSubset.Select(c.n, c.k, c.seed);
            Assert.Equal(c.k, subset.Length);
            Assert.Equal(c.k, subset.Distinct().Count());
            Assert.All(subset, i => Assert.InRange(i, 0, c.n - 1));
            Assert.Equal(subset, RandomSubset.Select(c.n, c.k, c.seed));
        }, maxTest: 200);
    }

    [Fact]
    public void Inclusion_and_first_draw_are_uniform_by_chi_square_over_fixed_seeds()
    {
        // 20000 draws of 3 of 10: each element expected 6000 times in the subset and 2000 times first.
        // Chi-square with 9 degrees of freedom: P(χ² > 40) ≈ 7e-6; the seeds are fixed, so the check cannot flake.
        const int n = 10;
        const int k = 3;
        const int draws = 20000;
        var inclusion = new double[n];
        var first = new double[n];
        for (ulong seed = 0; seed < draws; seed++)
        {
            int[] subset = RandomSubset.Select(n, k, seed);
            first[subset[0]]++;
            foreach (int i in subset)
            {
                inclusion[i]++;
            }
        }

        static double ChiSquare(double[] observed, double expected) => observed.Sum(o => (o - expected) * (o - expected) / expected);
        Assert.True(ChiSquare(inclusion, draws * k / (double)n) < 40, "inclusion counts are not uniform");
        Assert.True(ChiSquare(first, draws / (double)n) < 40, "first draws are not uniform");
    }

    [Fact]
    public void Pairs_are_uniform_by_chi_square_over_fixed_seeds()
    {
        // All 10 unordered pairs of 2 of 5, 10000 draws: 1000 expected each; χ² with 9 dof below 40.
        var pairs = new double[25];
        for (ulong seed = 1000; seed < 11000; seed++)
        {
            int[] s = RandomSubset.Select(5, 2, seed);
            pairs[(Math.Min(s[0], s[1]) * 5) + Math.Max(s[0], s[1])]++;
        }

        double chi = 0;
        for (int a = 0; a < 5; a++)
        {
            for (int b = a + 1; b < 5; b++)
            {
                double o = pairs[(a * 5) + b];
                chi += (o - 1000) * (o - 1000) / 1000;
            }
        }

        Assert.True(chi < 40, $"pair counts are not uniform (χ² = {chi})");
    }

    [Fact]
    public void Bad_input_throws_argument_exception_naming_the_parameter()
    {
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => RandomSubset.Select(3, 4, 0)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => RandomSubset.Select(3, -1, 0)).ParamName);
        Assert.Equal("n", Assert.ThrowsAny<ArgumentException>(() => RandomSubset.Select(-1, 0, 0)).ParamName);
    }
}
