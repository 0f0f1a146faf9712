using FastCoverage.Tests.Infrastructure;
using FastCoverage.Theory;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Theory;

public class LatentModeModelTests
{
    private static Gen<(int[] Sizes, double[] Costs)> Instances(int maxModes, int maxSize, int maxPoints) =>
        from r in Gen.Choose(1, maxModes)
        from sizes in Gen.ArrayOf(Gen.Choose(1, maxSize), r)
        where sizes.Sum() <= maxPoints
        from costs in Gen.ArrayOf(Gen.Choose(1, 20), r)
        select (sizes, costs.Select(c => c / 4.0).ToArray());

    [Fact]
    public void Risk_and_marginal_match_the_definition_R_of_uncovered_mode_costs_on_random_contexts()
    {
        var cases = from inst in Instances(6, 5, 20)
                    from context in Gen.ArrayOf(Gen.Choose(0, inst.Sizes.Sum() - 1))
                    from point in Gen.Choose(0, inst.Sizes.Sum() - 1)
                    select (inst.Sizes, inst.Costs, context, point);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int[] modeOf = TheoryReference.ContiguousModes(c.Sizes);
            var model = LatentModeModel.FromModeSizes(c.Sizes, c.Costs);
            double risk = TheoryReference.LatentRisk(c.context, modeOf, c.Costs);
            double withPoint = TheoryReference.LatentRisk(c.context.Append(c.point), modeOf, c.Costs);
            Assert.Equal(risk, model.Risk(c.context), 12);
            Assert.Equal(risk - withPoint, model.Marginal(c.point, c.context), 12);
        }, maxTest: 200);
    }

    [Fact]
    public void Leave_one_out_is_zero_for_modes_of_two_or_more_points_and_rho_for_singletons_by_recomputing_R()
    {
        Properties.ForAll(Instances(8, 4, 30).ToArbitrary(), c =>
        {
            int[] modeOf = TheoryReference.ContiguousModes(c.Sizes);
            var model = LatentModeModel.FromModeSizes(c.Sizes, c.Costs);
            double[] loo = model.LeaveOneOutValues();
            var all = Enumerable.Range(0, modeOf.Length).ToArray();
            for (int i = 0; i < modeOf.Length; i++)
            {
                double reference = TheoryReference.LatentRisk(all.Where(p => p != i), modeOf, c.Costs) - TheoryReference.LatentRisk(all, modeOf, c.Costs);
                Assert.Equal(reference, loo[i], 12);
                Assert.Equal(c.Sizes[modeOf[i]] >= 2 ? 0.0 : c.Costs[modeOf[i]], loo[i]);
            }
        }, maxTest: 100);
    }

    [Fact]
    public void Shapley_equals_rho_over_m_by_enumerating_every_permutation_for_N_up_to_8()
    {
        // Exact Shapley: average over all N! orders of the marginal R(before) − R(before ∪ {i}), from eq. 3 directly.
        Properties.ForAll(Instances(4, 3, 8).ToArbitrary(), c =>
        {
            int[] modeOf = TheoryReference.ContiguousModes(c.Sizes);
            int n = modeOf.Length;
            var model = LatentModeModel.FromModeSizes(c.Sizes, c.Costs);
            var sums = new double[n];
            long count = 0;
            foreach (int[] order in TheoryReference.Permutations(n))
            {
                var seen = new bool[c.Costs.Length];
                foreach (int i in order)
                {
                    sums[i] += seen[modeOf[i]] ? 0 : c.Costs[modeOf[i]];
                    seen[modeOf[i]] = true;
                }

                count++;
            }

            double[] shapley = model.ShapleyValues();
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(sums[i] / count - shapley[i]) <= 1e-12, $"point {i}: enumeration {sums[i] / count}, closed form {shapley[i]}");
            }
        }, maxTest: 25);
    }

    [Fact]
    public void Shapley_equals_rho_over_m_by_subset_enumeration_for_N_up_to_12()
    {
        // Shapley as the weighted subset sum φ_i = Σ_{S ⊆ P∖i} |S|!(N−|S|−1)!/N! · g_i(S), every subset enumerated.
        Properties.ForAll(Instances(5, 4, 12).ToArbitrary(), c =>
        {
            int[] modeOf = TheoryReference.ContiguousModes(c.Sizes);
            int n = modeOf.Length;
            var model = LatentModeModel.FromModeSizes(c.Sizes, c.Costs);
            var weight = new double[n];
            for (int s = 0; s < n; s++)
            {
                weight[s] = 1.0 / (n * (double)TheoryReference.Binomial(n - 1, s));
            }

            for (int i = 0; i < n; i++)
            {
                double value = 0;
                for (int mask = 0; mask < 1 << n; mask++)
                {
                    if ((mask >> i & 1) == 0)
                    {
                        var subset = Enumerable.Range(0, n).Where(p => (mask >> p & 1) == 1).ToArray();
                        value += weight[subset.Length] * (TheoryReference.LatentRisk(subset, modeOf, c.Costs) - TheoryReference.LatentRisk(subset.Append(i), modeOf, c.Costs));
                    }
                }

                Assert.True(Math.Abs(value - model.Shapley(i)) <= 1e-12, $"point {i} of sizes [{string.Join(',', c.Sizes)}]: enumeration {value}, ρ/m {model.Shapley(i)}");
            }
        }, maxTest: 15);
    }

    [Fact]
    public void Shapley_equals_rho_over_m_within_a_Hoeffding_bound_of_permutation_Monte_Carlo_for_N_60()
    {
        // 6 modes of unequal sizes (N = 60); 3000 seeded permutations; each marginal lies in [0, ρ_j]; union bound over N
        // points at total failure probability 1e-6.
        int[] sizes = [3, 5, 8, 10, 14, 20];
        double[] costs = [1.0, 0.5, 2.0, 1.5, 1.0, 3.0];
        int[] modeOf = TheoryReference.ContiguousModes(sizes);
        int n = modeOf.Length;
        const int permutations = 3000;
        var random = new Random(7001);
        var sums = new double[n];
        int[] order = Enumerable.Range(0, n).ToArray();
        for (int t = 0; t < permutations; t++)
        {
            random.Shuffle(order);
            var seen = new bool[sizes.Length];
            foreach (int i in order)
            {
                sums[i] += seen[modeOf[i]] ? 0 : costs[modeOf[i]];
                seen[modeOf[i]] = true;
            }
        }

        var model = LatentModeModel.FromModeSizes(sizes, costs);
        for (int i = 0; i < n; i++)
        {
            double bound = TheoryReference.HoeffdingHalfWidth(costs[modeOf[i]], permutations, 1e-6 / n);
            Assert.True(Math.Abs(sums[i] / permutations - model.Shapley(i)) <= bound, $"point {i}: Monte-Carlo {sums[i] / permutations}, ρ/m {model.Shapley(i)}, bound {bound}");
        }
    }

    [Fact]
    public void Lemma1_marginal_is_all_or_nothing_and_the_interaction_range_over_every_context_is_rho_j()
    {
        Properties.ForAll(Instances(4, 3, 10).ToArbitrary(), c =>
        {
            int[] modeOf = TheoryReference.ContiguousModes(c.Sizes);
            int n = modeOf.Length;
            var model = LatentModeModel.FromModeSizes(c.Sizes, c.Costs);
            for (int i = 0; i < n; i++)
            {
                var marginals = new HashSet<double>();
                for (int mask = 0; mask < 1 << n; mask++)
                {
                    if ((mask >> i & 1) == 0)
                    {
                        var context = Enumerable.Range(0, n).Where(p => (mask >> p & 1) == 1).ToArray();
                        marginals.Add(TheoryReference.LatentRisk(context, modeOf, c.Costs) - TheoryReference.LatentRisk(context.Append(i), modeOf, c.Costs));
                    }
                }

                Assert.Subset(new HashSet<double> { 0.0, c.Costs[modeOf[i]] }, marginals);
                Assert.Equal(marginals.Max() - marginals.Min(), model.Interaction(i));
            }
        }, maxTest: 30);
    }

    [Fact]
    public void Greedy_coverage_covers_min_k_r_modes_and_each_pick_has_the_largest_marginal_lowest_index_first()
    {
        var cases = from inst in Instances(8, 5, 30)
                    from k in Gen.Choose(0, inst.Sizes.Sum())
                    select (inst.Sizes, inst.Costs, k);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int[] modeOf = TheoryReference.ContiguousModes(c.Sizes);
            var model = LatentModeModel.FromModeSizes(c.Sizes, c.Costs);
            int[] greedy = model.GreedyCoverage(c.k);
            Assert.Equal(c.k, greedy.Length);
            Assert.Equal(Math.Min(c.k, c.Sizes.Length), TheoryReference.CoveredModes(greedy, modeOf));
            var chosen = new List<int>();
            foreach (int pick in greedy)
            {
                var gains = Enumerable.Range(0, modeOf.Length).Where(p => !chosen.Contains(p))
                    .Select(p => (p, gain: TheoryReference.LatentRisk(chosen, modeOf, c.Costs) - TheoryReference.LatentRisk(chosen.Append(p), modeOf, c.Costs)))
                    .ToList();
                double best = gains.Max(g => g.gain);
                Assert.Equal(gains.First(g => g.gain == best).p, pick);
                chosen.Add(pick);
            }
        }, maxTest: 100);
    }

    [Fact]
    public void Generated_features_have_block_geometry_near_one_within_modes_and_near_zero_across_and_repeat_per_seed()
    {
        var model = LatentModeModel.FromModeSizes([4, 7, 5], [1.0, 1.0, 1.0]);
        var features = model.GenerateFeatures(16, 0.05f, 11).ToArray();
        Assert.Equal(features, model.GenerateFeatures(16, 0.05f, 11).ToArray());
        int n = model.PointCount;
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                double dot = Reference.Dot(features, a, features, b);
                bool same = model.ModeOfPoint[a] == model.ModeOfPoint[b];
                Assert.True(same ? Math.Abs(dot - 1) < 0.2 : Math.Abs(dot) < 0.2, $"⟨φ_{a}, φ_{b}⟩ = {dot} (same mode: {same})");
            }
        }
    }

    [Fact]
    public void Latent_mode_model_rejects_empty_modes_bad_costs_and_out_of_range_budgets()
    {
        Assert.Throws<ArgumentException>("modeOfPoint", () => new LatentModeModel([0, 0, 2], [1.0, 1.0, 1.0]));
        Assert.Throws<ArgumentException>("costs", () => new LatentModeModel([0, 1], [1.0, double.NaN]));
        Assert.Throws<ArgumentException>("costs", () => new LatentModeModel([0, 1], [1.0, 0.0]));
        Assert.Throws<ArgumentException>("modeOfPoint", () => new LatentModeModel([0, 3], [1.0, 1.0]));
        Assert.Throws<ArgumentOutOfRangeException>("k", () => LatentModeModel.Equal(2, 2, 1.0).GreedyCoverage(5));
        Assert.Throws<ArgumentOutOfRangeException>("point", () => LatentModeModel.Equal(2, 2, 1.0).Shapley(4));
    }
}
