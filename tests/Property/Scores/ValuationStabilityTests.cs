using CommunityToolkit.HighPerformance;
using FastCoverage.Scores;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Scores;

public class ValuationStabilityTests
{
    [Fact]
    public void Mean_coefficient_of_variation_matches_eq_54_computed_naively()
    {
        var cases = from runs in Gen.Choose(2, 8)
                    from n in Gen.Choose(1, 30)
                    from epsilonExponent in Gen.Choose(-12, -1)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (runs, n, epsilon: Math.Pow(10, epsilonExponent), seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var values = new double[c.runs, c.n];
            for (int r = 0; r < c.runs; r++)
            {
                for (int i = 0; i < c.n; i++)
                {
                    values[r, i] = i % 4 == 0 ? 0.5 : (i % 4 == 1 ? random.NextDouble() - 0.5 : (i % 4 == 2 ? 0.0 : (2 * random.NextDouble()) + 1));
                }
            }

            var expected = new double[c.n];
            for (int i = 0; i < c.n; i++)
            {
                double[] column = Enumerable.Range(0, c.runs).Select(r => values[r, i]).ToArray();
                double mean = column.Average();
                double std = Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average());
                expected[i] = std / (Math.Abs(mean) + c.epsilon);
            }

            double[] cv = ValuationStability.CoefficientsOfVariation(new ReadOnlySpan2D<double>(values), c.epsilon);
            for (int i = 0; i < c.n; i++)
            {
                Assert.True(Math.Abs(cv[i] - expected[i]) <= 1e-9 * (1 + expected[i]), $"{c}: CV[{i}] = {cv[i]}, expected {expected[i]}");
            }

            double mcv = ValuationStability.MeanCoefficientOfVariation(new ReadOnlySpan2D<double>(values), c.epsilon);
            Assert.True(Math.Abs(mcv - expected.Average()) <= 1e-9 * (1 + expected.Average()));
        }, maxTest: 100);
    }

    [Fact]
    public void Zero_means_give_std_over_epsilon_or_with_epsilon_0_zero_when_runs_agree_and_infinity_otherwise()
    {
        double[,] values = { { 0, 1, 2 }, { 0, -1, 2 } };
        Assert.Equal([0.0, 1.0 / 1e-6, 0.0], ValuationStability.CoefficientsOfVariation(new ReadOnlySpan2D<double>(values), 1e-6));
        Assert.Equal([0.0, double.PositiveInfinity, 0.0], ValuationStability.CoefficientsOfVariation(new ReadOnlySpan2D<double>(values), 0));
    }

    [Fact]
    public void Bad_inputs_throw_ArgumentException_naming_the_parameter()
    {
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => ValuationStability.MeanCoefficientOfVariation(new ReadOnlySpan2D<double>(new double[1, 3]))).ParamName);
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => ValuationStability.MeanCoefficientOfVariation(new ReadOnlySpan2D<double>(new double[2, 0]))).ParamName);
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => ValuationStability.MeanCoefficientOfVariation(new ReadOnlySpan2D<double>(new double[,] { { 1, double.NaN }, { 1, 2 } }))).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentException>(() => ValuationStability.MeanCoefficientOfVariation(new ReadOnlySpan2D<double>(new double[2, 2]), -1e-3)).ParamName);
    }
}
