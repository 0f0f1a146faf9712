using System.Numerics;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Theory;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Theory;

/// <summary>Theorem 2, Proposition 1, Corollary 1 and Lemma 3 of the coverage-view paper, against exact enumeration.</summary>
public class InteractionGapTests
{
    /// <summary>
    /// Expected covered modes of top-k under a per-point score with uniform tie-breaking, by enumeration: every k-set
    /// that holds all points above the threshold and k′ of the threshold tier is one equally likely outcome.
    /// </summary>
    private static double EnumeratedTopKCoverage(double[] pointScores, int[] modeOf, int k)
    {
        if (k == 0)
        {
            return 0;
        }

        double threshold = pointScores.OrderByDescending(s => s).ElementAt(k - 1);
        int[] above = Enumerable.Range(0, pointScores.Length).Where(i => pointScores[i] > threshold).ToArray();
        int[] tier = Enumerable.Range(0, pointScores.Length).Where(i => pointScores[i] == threshold).ToArray();
        var outcomes = TheoryReference.Subsets(tier.Length, k - above.Length).ToList();
        return outcomes.Average(pick => (double)TheoryReference.CoveredModes(above.Concat(pick.Select(p => tier[p])), modeOf));
    }

    [Fact]
    public void Theorem2_expected_risk_of_constant_score_top_k_minus_greedy_risk_equals_rho_delta_N_by_enumeration()
    {
        var cases = from r in Gen.Choose(1, 4)
                    from m in Gen.Choose(1, 3)
                    from k in Gen.Choose(0, r * m)
                    from rho in Gen.Choose(1, 12)
                    select (r, m, k, rho: rho / 4.0);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var model = LatentModeModel.Equal(c.r, c.m, c.rho);
            int[] modeOf = model.ModeOfPoint.ToArray();
            double[] costs = model.Costs.ToArray();
            // Constant score + uniform ties: the top-k is a uniform k-subset.
            double expectedRisk = TheoryReference.Subsets(c.r * c.m, c.k).Average(s => TheoryReference.LatentRisk(s, modeOf, costs));
            double greedyRisk = TheoryReference.LatentRisk(model.GreedyCoverage(c.k), modeOf, costs);
            double gap = OccupancyGap.ExcessRisk(c.r, c.m, c.k, c.rho);
            Assert.True(Math.Abs(expectedRisk - greedyRisk - gap) <= 1e-12, $"r={c.r} m={c.m} k={c.k} ρ={c.rho}: E[R(S_v)] − R(S_FL) = {expectedRisk - greedyRisk}, ρ·δ_N = {gap}");
            if (c.k > 1 && c.k < c.r && c.m >= 2)
            {
                Assert.True(gap > 0, "δ_N(1,k) > 0 for 1 < k < r");
            }
        }, maxTest: 80);
    }

    [Fact]
    public void Corollary2_gap_is_positive_exactly_when_rho_positive_modes_redundant_and_2_le_k_le_N_minus_m_by_exact_sign()
    {
        // Exact sign of δ_N(1, k) = min(k, r) − r(C(N,k) − C(N−m,k))/C(N,k) in integers; then ρ·δ_N compared with it.
        var cases = from r in Gen.Choose(1, 8)
                    from m in Gen.Choose(1, 6)
                    from k in Gen.Choose(0, r * m)
                    from rho in Gen.Elements(0.0, 0.5, 2.0)
                    select (r, m, k, rho);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int n = c.r * c.m;
            BigInteger total = TheoryReference.Binomial(n, c.k), missed = TheoryReference.Binomial(n - c.m, c.k);
            BigInteger scaledGap = (Math.Min(c.k, c.r) * total) - (c.r * (total - missed));
            Assert.True(scaledGap.Sign >= 0, "δ_N(1,k) ≥ 0");
            bool predicted = c.rho > 0 && c.m >= 2 && c.k >= 2 && c.k <= n - c.m;
            Assert.Equal(predicted, c.rho > 0 && scaledGap.Sign > 0);
            double gap = OccupancyGap.ExcessRisk(c.r, c.m, c.k, c.rho);
            Assert.True(predicted ? gap > 1e-12 : Math.Abs(gap) <= 1e-12, $"r={c.r} m={c.m} k={c.k} ρ={c.rho}: gap {gap}, predicted positive {predicted}");
        }, maxTest: 200);
    }

    [Fact]
    public void Proposition1_tiered_scores_cover_at_most_m_star_with_equality_iff_constant_across_equal_modes()
    {
        var cases = from r in Gen.Choose(2, 4)
                    from m in Gen.Choose(1, 3)
                    from scores in Gen.ArrayOf(Gen.Choose(0, 2), r)
                    from k in Gen.Choose(0, r * m)
                    select (r, m, scores, k);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int[] modeOf = TheoryReference.ContiguousModes(Enumerable.Repeat(c.m, c.r).ToArray());
            double[] pointScores = modeOf.Select(j => (double)c.scores[j]).ToArray();
            double enumerated = EnumeratedTopKCoverage(pointScores, modeOf, c.k);
            double tiered = TieredScoreCoverage.ExpectedCoveredModes(Enumerable.Repeat((long)c.m, c.r).ToArray(), c.scores.Select(s => (double)s).ToArray(), c.k);
            Assert.True(Math.Abs(enumerated - tiered) <= 1e-12, $"tiered closed form {tiered} vs enumeration {enumerated}");
            double occupancy = Occupancy.ExpectedCoveredModes(c.r, c.m, c.k);
            Assert.True(tiered <= occupancy + 1e-12, $"scores [{string.Join(',', c.scores)}] m={c.m} k={c.k}: {tiered} > m*(k) = {occupancy}");
            bool constant = c.scores.Distinct().Count() == 1;
            if (constant)
            {
                Assert.True(Math.Abs(tiered - occupancy) <= 1e-12, "a constant score attains m*(k)");
            }
            else if (c.m >= 2 && c.k >= 2 && c.k <= (c.r - 1) * c.m)
            {
                Assert.True(tiered < occupancy - 1e-9, $"scores [{string.Join(',', c.scores)}] m={c.m} k={c.k}: mode signal should strictly lower coverage, {tiered} vs {occupancy}");
            }
        }, maxTest: 150);
    }

    [Fact]
    public void Proposition1_bound_does_not_extend_to_unequal_modes_favouring_a_singleton_mode_beats_uniform()
    {
        // Modes of sizes 1 and 100, k = 2: a score that ranks the singleton first covers both modes surely, uniform does not.
        long[] sizes = [1, 100];
        double uniform = Occupancy.ExpectedCoveredModes(sizes, 2);
        double exact = 2 - TheoryReference.ToDouble(TheoryReference.Binomial(100, 2), TheoryReference.Binomial(101, 2));
        Assert.Equal(exact, uniform, 12);
        Assert.Equal(2.0, TieredScoreCoverage.ExpectedCoveredModes(sizes, [1.0, 0.0], 2), 12);
    }

    [Fact]
    public void Corollary1_Shapley_top_k_on_unequal_modes_covers_fewer_modes_than_uniform_random_sampling()
    {
        int[] sizes = [2, 2, 2, 10, 10, 10];
        var model = LatentModeModel.FromModeSizes(sizes, Enumerable.Repeat(1.0, sizes.Length).ToArray());
        const int k = 6;
        // Shapley ρ/m puts the six points of the three rare modes strictly first: top-6 is exactly those points.
        double[] shapley = model.ShapleyValues();
        int[] top = Enumerable.Range(0, model.PointCount).OrderByDescending(i => shapley[i]).ThenBy(i => i).Take(k).ToArray();
        Assert.True(shapley[top[^1]] > shapley.OrderByDescending(v => v).ElementAt(k), "top-k is unambiguous");
        int shapleyCovered = TheoryReference.CoveredModes(top, model.ModeOfPoint.ToArray());
        int n = sizes.Sum();
        double uniform = sizes.Sum(m => TheoryReference.ToDouble(TheoryReference.Binomial(n, k) - TheoryReference.Binomial(n - m, k), TheoryReference.Binomial(n, k)));
        Assert.Equal(3, shapleyCovered);
        Assert.True(shapleyCovered < uniform, $"Shapley top-k covers {shapleyCovered}, uniform random {uniform}");
        Assert.Equal(uniform, Occupancy.ExpectedCoveredModes(sizes.Select(s => (long)s).ToArray(), k), 12);
        double[] modeShapley = Enumerable.Range(0, sizes.Length).Select(j => 1.0 / sizes[j]).ToArray();
        Assert.Equal(shapleyCovered, TieredScoreCoverage.ExpectedCoveredModes(sizes.Select(s => (long)s).ToArray(), modeShapley, k), 12);
    }

    [Fact]
    public void Lemma3_pooling_a_split_pair_covers_two_minus_2C_m_t_over_C_2m_t_at_least_one_strictly_for_t_ge_2()
    {
        var cases = from m in Gen.Choose(1, 60)
                    from t in Gen.Choose(1, 120)
                    where t <= 2 * m
                    select (m, t);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            BigInteger oneHalf = TheoryReference.Binomial(c.m, c.t), both = TheoryReference.Binomial(2 * c.m, c.t);
            // 2 − 2C(m,t)/C(2m,t) ≥ 1 ⇔ 2·C(m,t) ≤ C(2m,t), exactly in integers.
            Assert.True(2 * oneHalf <= both, $"m={c.m} t={c.t}");
            if (c.t >= 2)
            {
                Assert.True(2 * oneHalf < both, $"strict for t ≥ 2: m={c.m} t={c.t}");
            }

            double pooled = Occupancy.ExpectedCoveredModes(2, c.m, c.t);
            Assert.Equal(2 - (2 * TheoryReference.ToDouble(oneHalf, both)), pooled, 12);
            Assert.True(pooled >= 1 - 1e-15, $"pooled coverage {pooled} < 1");
        }, maxTest: 200);
    }

    [Fact]
    public void Lemma3_pooled_pair_coverage_equals_enumeration_of_t_subsets_of_the_two_modes()
    {
        for (int m = 1; m <= 5; m++)
        {
            int[] modeOf = TheoryReference.ContiguousModes([m, m]);
            for (int t = 1; t <= 2 * m; t++)
            {
                double enumerated = TheoryReference.Subsets(2 * m, t).Average(s => (double)TheoryReference.CoveredModes(s, modeOf));
                Assert.Equal(enumerated, Occupancy.ExpectedCoveredModes(2, m, t), 12);
            }
        }
    }
}
