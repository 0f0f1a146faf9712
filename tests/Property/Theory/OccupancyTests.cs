using System.Numerics;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Theory;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Theory;

public class OccupancyTests
{
    /// <summary>The stated relative accuracy of the miss/hit probabilities (see <see cref="Occupancy"/> remarks).</summary>
    private const double RelativeTolerance = 1e-12;

    private static void AssertRelative(double expected, double actual, string what)
    {
        if (expected < 1e-290)
        {
            Assert.True(actual <= 1e-290, $"{what}: expected {expected:R} (underflow range), got {actual:R}");
            return;
        }

        double error = Math.Abs(actual - expected) / expected;
        Assert.True(error <= RelativeTolerance, $"{what}: expected {expected:R}, got {actual:R}, relative error {error:E2}");
    }

    [Fact]
    public void Miss_and_hit_probabilities_match_exact_BigInteger_binomial_ratios_to_1e12_relative()
    {
        var cases = from n in Gen.Choose(1, 2500)
                    from mFraction in Gen.Choose(0, 1000)
                    from kFraction in Gen.Choose(0, 1000)
                    select (n, m: 1 + (int)((long)mFraction * (n - 1) / 1000), k: (int)((long)kFraction * n / 1000));
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            BigInteger total = TheoryReference.Binomial(c.n, c.k);
            BigInteger missed = TheoryReference.Binomial(c.n - c.m, c.k);
            double exactMiss = TheoryReference.ToDouble(missed, total);
            double exactHit = TheoryReference.ToDouble(total - missed, total);
            AssertRelative(exactMiss, Occupancy.MissProbability(c.n, c.m, c.k), $"miss N={c.n} m={c.m} k={c.k}");
            AssertRelative(exactHit, Occupancy.HitProbability(c.n, c.m, c.k), $"hit N={c.n} m={c.m} k={c.k}");
        }, maxTest: 150);
    }

    [Fact]
    public void Miss_and_hit_probabilities_stay_exact_to_1e12_for_pools_up_to_1e9_against_exact_rational_products()
    {
        // C(N − m, k)/C(N, k) = Π_{t<m} (N − k − t)/(N − t): an exact rational for m ≤ 300 (or, by symmetry, k ≤ 300).
        var cases = from n in Gen.Choose(1, 1_000_000_000)
                    from small in Gen.OneOf(Gen.Choose(1, 4), Gen.Choose(5, 300))
                    from kFraction in Gen.Choose(0, 1_000_000)
                    from swap in Gen.Elements(false, true)
                    select (n: (long)n, small: (long)Math.Min(small, n), other: (long)((double)kFraction / 1_000_000 * n), swap);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            long m = c.swap ? Math.Max(1, c.other) : c.small;
            long k = c.swap ? c.small : c.other;
            long shortLength = Math.Min(m, k);
            long longLength = Math.Max(m, k);
            BigInteger numerator = BigInteger.One, denominator = BigInteger.One;
            for (long t = 0; t < shortLength; t++)
            {
                numerator *= Math.Max(0, c.n - longLength - t);
                denominator *= c.n - t;
            }

            double exactMiss = TheoryReference.ToDouble(numerator, denominator);
            double exactHit = TheoryReference.ToDouble(denominator - numerator, denominator);
            AssertRelative(exactMiss, Occupancy.MissProbability(c.n, m, k), $"miss N={c.n} m={m} k={k}");
            AssertRelative(exactHit, Occupancy.HitProbability(c.n, m, k), $"hit N={c.n} m={m} k={k}");
        }, maxTest: 200);
    }

    [Fact]
    public void Hit_probability_of_a_near_one_ratio_keeps_full_relative_accuracy_at_N_1e9()
    {
        // N = 1e9, m = 1, k = 1: the hit probability is exactly 1e-9; a naive 1 − ratio keeps only ~7 digits.
        Assert.Equal(1e-9, Occupancy.HitProbability(1_000_000_000, 1, 1), 1e-9 * RelativeTolerance);
        // m = k = 2: 1 − (N−2)(N−3)/(N(N−1)) = (4N − 6)/(N(N−1)).
        const double n = 1e9;
        AssertRelative((4 * n - 6) / (n * (n - 1)), Occupancy.HitProbability(1_000_000_000, 2, 2), "m=k=2");
    }

    [Fact]
    public void Expected_covered_modes_of_a_uniform_k_subset_equals_m_star_by_exhaustive_enumeration()
    {
        var cases = from r in Gen.Choose(1, 5)
                    from sizes in Gen.ArrayOf(Gen.Choose(1, 4), r)
                    where sizes.Sum() <= 12
                    from k in Gen.Choose(0, sizes.Sum())
                    select (sizes, k);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int[] modeOf = TheoryReference.ContiguousModes(c.sizes);
            var subsets = TheoryReference.Subsets(modeOf.Length, c.k).ToList();
            double enumerated = subsets.Average(s => (double)TheoryReference.CoveredModes(s, modeOf));
            double formula = Occupancy.ExpectedCoveredModes(c.sizes.Select(s => (long)s).ToArray(), c.k);
            Assert.True(Math.Abs(enumerated - formula) <= 1e-12, $"sizes [{string.Join(',', c.sizes)}] k={c.k}: enumeration {enumerated:R}, formula {formula:R}");
            if (c.sizes.All(s => s == c.sizes[0]))
            {
                double equal = Occupancy.ExpectedCoveredModes(c.sizes.Length, c.sizes[0], c.k);
                Assert.True(Math.Abs(enumerated - equal) <= 1e-12, $"equal modes r={c.sizes.Length} m={c.sizes[0]} k={c.k}: enumeration {enumerated:R}, m*(k) {equal:R}");
            }
        }, maxTest: 60);
    }

    [Fact]
    public void Expected_covered_modes_for_large_pools_lies_within_a_Hoeffding_bound_of_Monte_Carlo_at_a_fixed_seed()
    {
        // r = 20 modes of m = 5000 points (N = 1e5); 4000 uniform k-subsets per k; failure probability 1e-9 per k.
        const int r = 20, m = 5000, trials = 4000;
        var random = new Random(424242);
        foreach (int k in new[] { 3, 10, 20, 40 })
        {
            double sum = 0;
            var chosen = new HashSet<int>();
            var modes = new HashSet<int>();
            for (int trial = 0; trial < trials; trial++)
            {
                chosen.Clear();
                modes.Clear();
                while (chosen.Count < k)
                {
                    int point = random.Next(r * m);
                    if (chosen.Add(point))
                    {
                        modes.Add(point / m);
                    }
                }

                sum += modes.Count;
            }

            double bound = TheoryReference.HoeffdingHalfWidth(Math.Min(k, r), trials, 1e-9);
            double mean = sum / trials;
            double formula = Occupancy.ExpectedCoveredModes(r, m, k);
            Assert.True(Math.Abs(mean - formula) <= bound, $"k={k}: Monte-Carlo {mean} vs m*(k) {formula}, bound {bound}");
        }
    }

    [Fact]
    public void Limits_match_their_closed_forms_and_delta_N_decreases_to_delta_as_the_pool_grows()
    {
        var cases = from r in Gen.Choose(1, 60)
                    from k in Gen.Choose(0, 120)
                    select (r, k);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            double limit = c.r * (1 - Math.Pow(1 - (1.0 / c.r), c.k));
            Assert.True(Math.Abs(Occupancy.ExpectedCoveredModesLimit(c.r, c.k) - limit) <= 1e-12 * Math.Max(1, limit), $"limit r={c.r} k={c.k}");
            double deltaLimit = Math.Min(c.k, c.r) - limit;
            Assert.True(Math.Abs(OccupancyGap.Limit(c.r, c.k) - deltaLimit) <= 1e-11, $"δ(1,k) r={c.r} k={c.k}");
            double previous = double.PositiveInfinity;
            for (long m = Math.Max(1, (c.k + c.r - 1) / c.r); m <= 1L << 24; m *= 4)
            {
                double distance = Math.Abs(OccupancyGap.Finite(c.r, m, c.k) - deltaLimit);
                Assert.True(distance <= previous + 1e-12, $"|δ_N − δ| grew at m={m}: {distance} > {previous} (r={c.r} k={c.k})");
                previous = distance;
            }

            Assert.True(previous <= 1e-4, $"|δ_N − δ| = {previous} at m = 2^24 (r={c.r} k={c.k})");
        }, maxTest: 80);
    }

    [Fact]
    public void Input_geometry_coverage_matches_its_closed_form_reduces_to_the_scalar_limit_at_delta_one_and_its_gap_grows_with_delta()
    {
        var cases = from r in Gen.Choose(1, 40)
                    from k in Gen.Choose(0, 40)
                    from d1 in Gen.Choose(1, 1000)
                    from d2 in Gen.Choose(1, 1000)
                    select (r, k, low: Math.Min(d1, d2) / 1000.0, high: Math.Max(d1, d2) / 1000.0);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            double closed = Math.Min(c.r, c.r / c.low * (1 - Math.Pow(1 - (c.low / c.r), c.k)));
            Assert.True(Math.Abs(Occupancy.InputGeometryCoveredModes(c.r, c.k, c.low) - closed) <= 1e-10 * Math.Max(1, closed), $"m_in r={c.r} k={c.k} Δ={c.low}");
            Assert.True(Math.Abs(OccupancyGap.Misaligned(c.r, c.k, 1.0) - OccupancyGap.Limit(c.r, c.k)) <= 1e-12, "δ(1,k) at Δ = 1");
            double lowGap = OccupancyGap.Misaligned(c.r, c.k, c.low), highGap = OccupancyGap.Misaligned(c.r, c.k, c.high);
            Assert.True(lowGap >= -1e-12 && lowGap <= highGap + 1e-12, $"δ(Δ,k) not non-negative and non-decreasing in Δ: δ({c.low})={lowGap}, δ({c.high})={highGap}");
        }, maxTest: 150);
    }

    [Fact]
    public void Occupancy_rejects_budgets_beyond_the_pool_empty_modes_and_bad_misalignment()
    {
        Assert.Throws<ArgumentOutOfRangeException>("k", () => Occupancy.ExpectedCoveredModes(3, 2, 7));
        Assert.Throws<ArgumentOutOfRangeException>("k", () => Occupancy.ExpectedCoveredModes(3, 2, -1));
        Assert.Throws<ArgumentOutOfRangeException>("modeCount", () => Occupancy.ExpectedCoveredModes(0, 2, 0));
        Assert.Throws<ArgumentException>("modeSizes", () => Occupancy.ExpectedCoveredModes(ReadOnlySpan<long>.Empty, 0));
        Assert.Throws<ArgumentOutOfRangeException>("modeSizes", () => Occupancy.ExpectedCoveredModes(new long[] { 2, 0 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>("modeSizes", () => Occupancy.ExpectedCoveredModes(new long[] { long.MaxValue, 2 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>("modeSize", () => Occupancy.ExpectedCoveredModes(4, long.MaxValue / 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>("misalignment", () => Occupancy.InputGeometryCoveredModes(3, 1, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>("misalignment", () => Occupancy.InputGeometryCoveredModes(3, 1, double.NaN));
    }
}
