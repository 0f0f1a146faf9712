using FastCoverage.Scores;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Scores;

public class TopSelectionTests
{
    [Fact]
    public void Sum_of_the_k_largest_equals_sorting_for_both_strategies_ties_and_sorted_inputs()
    {
        var cases = from n in Gen.Choose(1, 300)
                    from kFraction in Gen.Choose(0, 100)
                    from pattern in Gen.Choose(0, 3)
                    from negate in Gen.Elements(false, true)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, k: 1 + ((n - 1) * kFraction / 100), pattern, negate, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            float[] values = Enumerable.Range(0, c.n).Select(i => c.pattern switch
            {
                0 => random.NextSingle(),
                1 => random.Next(4),                // many ties
                2 => i * 0.5f,                      // ascending: every value beats the current minimum
                _ => (c.n - i) * 0.25f,             // descending
            }).ToArray();
            double expected = values.Select(v => c.negate ? -(double)v : v).OrderDescending().Take(c.k).Sum();
            double actual = TopSelection.SumOfLargest(values.ToArray(), c.negate ? -1 : 1, c.k);
            Assert.True(Math.Abs(actual - expected) <= 1e-9 * (1 + Math.Abs(expected)), $"{c}: {actual} vs {expected}");
        }, maxTest: 200);
    }
}
