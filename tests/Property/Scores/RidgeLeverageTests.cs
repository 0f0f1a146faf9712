using CommunityToolkit.HighPerformance;
using FastCoverage.Scores;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace FastCoverage.Tests.Scores;

public class RidgeLeverageTests
{
    private static Matrix<double> ToMathNet(float[,] x) => Matrix<double>.Build.Dense(x.GetLength(0), x.GetLength(1), (i, j) => x[i, j]);

    private static Gen<(int N, int D, double Lambda, int Seed)> Cases =>
        from n in Gen.Choose(1, 60)
        from d in Gen.Choose(1, 20)
        from lambdaExponent in Gen.Choose(-3, 2)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select (n, d, Math.Pow(10, lambdaExponent), seed);

    [Fact]
    public void Leverage_equals_the_quadratic_form_with_the_explicit_inverse()
    {
        Properties.ForAll(Cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.RandomMatrix(c.N, c.D, c.Seed);
            Matrix<double> phi = ToMathNet(x);
            Matrix<double> inverse = (phi.TransposeThisAndMultiply(phi) + (c.Lambda * Matrix<double>.Build.DenseIdentity(c.D))).Inverse();
            double[] h = RidgeLeverage.Compute(new ReadOnlySpan2D<float>(x), c.Lambda);
            for (int i = 0; i < c.N; i++)
            {
                Vector<double> row = phi.Row(i);
                double expected = row * (inverse * row);
                Assert.True(Math.Abs(h[i] - expected) <= 1e-8 * (1 + Math.Abs(expected)), $"{c}: h[{i}] = {h[i]}, explicit inverse {expected}");
            }
        }, maxTest: 80);
    }

    [Fact]
    public void Leverages_sum_to_the_effective_dimension_from_the_singular_values_and_lie_in_0_1()
    {
        Properties.ForAll(Cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.RandomMatrix(c.N, c.D, c.Seed);
            double[] h = RidgeLeverage.Compute(new ReadOnlySpan2D<float>(x), c.Lambda);
            double trace = ToMathNet(x).Svd(computeVectors: false).S.Sum(s => s * s / ((s * s) + c.Lambda));
            Assert.True(Math.Abs(h.Sum() - trace) <= 1e-8 * (1 + trace), $"{c}: Σh = {h.Sum()}, Σσ²/(σ²+λ) = {trace}");
            Assert.True(h.Sum() <= Math.Min(c.N, c.D) + 1e-9);
            Assert.All(h, v => Assert.InRange(v, 0.0, 1.0));
        }, maxTest: 80);
    }

    [Fact]
    public void Results_are_bitwise_identical_for_one_and_all_threads()
    {
        float[,] x = Reference.RandomMatrix(1031, 17, 5);
        Assert.Equal(RidgeLeverage.Compute(new ReadOnlySpan2D<float>(x), 0.1, 1), RidgeLeverage.Compute(new ReadOnlySpan2D<float>(x), 0.1, -1));
    }

    [Fact]
    public void Bad_inputs_throw_ArgumentException_naming_the_parameter()
    {
        float[,] x = Reference.RandomMatrix(5, 3, 1);
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => RidgeLeverage.Compute(new ReadOnlySpan2D<float>(x), -1)).ParamName);
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => RidgeLeverage.Compute(new ReadOnlySpan2D<float>(x), double.NaN)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => RidgeLeverage.Compute(new ReadOnlySpan2D<float>(new float[0, 3]), 1)).ParamName);
        x[1, 2] = float.NegativeInfinity;
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => RidgeLeverage.Compute(new ReadOnlySpan2D<float>(x), 1)).ParamName);

        // Two rows in three dimensions: ΦᵀΦ is singular, so λ = 0 has no inverse.
        float[,] rankDeficient = Reference.RandomMatrix(2, 3, 2);
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => RidgeLeverage.Compute(new ReadOnlySpan2D<float>(rankDeficient), 0)).ParamName);
    }
}
