using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

public class FacilityLocationVariantTests
{
    [Fact]
    public void Warm_start_continues_the_reference_greedy_from_the_initial_subset()
    {
        var cases = from s in SimilarityInstances.Dense(quantized: true, 12, 10)
                    from mask in Gen.Choose(0, (1 << s.Candidates) - 1)
                    let initial = Subsets.Members(mask, s.Candidates).Reverse().ToArray()
                    from k in Gen.Choose(0, s.Candidates - initial.Length)
                    from optimizer in Gen.Elements(Enum.GetValues<FacilityLocationOptimizer>())
                    select (s, initial, k, optimizer);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var result = FacilityLocation.Maximize(c.s.Memory, c.k, new FacilityLocationOptions { Optimizer = c.optimizer, Epsilon = 1e-300, InitialSubset = c.initial });
            var (picks, gains) = FacilityLocationReference.Greedy(c.s.Double, c.k, c.initial);
            Assert.Equal(picks, result.Indices);
            Assert.Equal(gains, result.Gains);
            Assert.Equal(FacilityLocationReference.Objective(c.s.Double, c.initial), result.InitialObjective);
            Assert.Equal(FacilityLocationReference.Objective(c.s.Double, c.initial.Concat(result.Indices)), result.Objective);
            Assert.Empty(result.Indices.Intersect(c.initial));
        });
    }

    private static Gen<(SimilarityInstance S, double[] Costs, double Budget, int K, FacilityLocationOptimizer Optimizer)> CostCases =>
        from s in SimilarityInstances.Dense(quantized: true, 10, 9)
        from costUnits in Gen.Choose(1, 4).ArrayOf(s.Candidates)
        from budget in Gen.Choose(1, 10)
        from k in Gen.Choose(1, s.Candidates)
        from optimizer in Gen.Elements(FacilityLocationOptimizer.Naive, FacilityLocationOptimizer.Lazy)
        select (s, costUnits.Select(c => (double)c).ToArray(), (double)budget, k, optimizer);

    [Fact]
    public void Cost_benefit_greedy_with_the_single_element_safeguard_matches_its_brute_reference()
    {
        Properties.ForAll(CostCases.ToArbitrary(), c =>
        {
            var result = FacilityLocation.Maximize(c.S.Memory, c.K, new FacilityLocationOptions { Optimizer = c.Optimizer, Costs = c.Costs, Budget = c.Budget });
            List<int> expected = FacilityLocationReference.CostBenefitGreedy(c.S.Double, c.Costs, c.Budget, c.K);
            Assert.Equal(expected, result.Indices);
            Assert.True(result.Indices.Sum(j => c.Costs[j]) <= c.Budget);
        });
    }

    [Fact]
    public void Cost_benefit_greedy_reaches_half_of_one_minus_one_over_e_of_the_budgeted_optimum()
    {
        Properties.ForAll(CostCases.ToArbitrary(), c =>
        {
            var result = FacilityLocation.Maximize(c.S.Memory, c.S.Candidates, new FacilityLocationOptions { Optimizer = c.Optimizer, Costs = c.Costs, Budget = c.Budget });
            double optimum = FacilityLocationReference.BruteForceOptimum(c.S.Double, c.S.Candidates, c.Costs, c.Budget);
            double achieved = FacilityLocationReference.Objective(c.S.Double, result.Indices);
            Assert.True(achieved >= ((1 - (1 / Math.E)) / 2 * optimum) - 1e-9, $"{achieved} < (1 − 1/e)/2 · {optimum}");
        });
    }

    [Fact]
    public void Lazy_and_naive_cost_benefit_greedy_pick_identically_on_continuous_instances()
    {
        var cases = from s in SimilarityInstances.Dense(quantized: false, 20, 30)
                    from costs in Gen.Choose(1, 1000).ArrayOf(s.Candidates)
                    from budget in Gen.Choose(1, 5000)
                    select (s, costs.Select(x => x / 100.0).ToArray(), budget / 100.0);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            FacilityLocationResult Once(FacilityLocationOptimizer optimizer) =>
                FacilityLocation.Maximize(c.s.Memory, c.s.Candidates, new FacilityLocationOptions { Optimizer = optimizer, Costs = c.Item2, Budget = c.Item3 });
            var naive = Once(FacilityLocationOptimizer.Naive);
            var lazy = Once(FacilityLocationOptimizer.Lazy);
            Assert.Equal(naive.Indices, lazy.Indices);
            Assert.Equal(naive.Gains, lazy.Gains);
        });
    }
}
