using CommunityToolkit.HighPerformance;
using FastCoverage.Diagnostics;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Diagnostics;

public class EffectiveRankTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void Isotropic_features_have_effective_rank_d(int d)
    {
        // Rows ±3·eⱼ: Σ = 9·I·(2/2d), isotropic.
        var x = new float[2 * d, d];
        for (int j = 0; j < d; j++)
        {
            x[j, j] = 3f;
            x[d + j, j] = -3f;
        }

        EffectiveRankResult r = EffectiveRank.Compute(new ReadOnlySpan2D<float>(x));
        Assert.Equal(d, r.ParticipationRatio, 1e-4);
        Assert.Equal(d, r.EntropyRank, 1e-4);
    }

    [Fact]
    public void Rank_one_features_have_effective_rank_one()
    {
        float[,] v = Reference.RandomMatrix(1, 9, 5);
        var x = new float[20, 9];
        for (int i = 0; i < 20; i++)
        {
            for (int j = 0; j < 9; j++)
            {
                x[i, j] = (i - 7) * v[0, j];
            }
        }

        EffectiveRankResult r = EffectiveRank.Compute(new ReadOnlySpan2D<float>(x));
        Assert.Equal(1, r.ParticipationRatio, 1e-4);
        Assert.Equal(1, r.EntropyRank, 1e-3);
    }

    [Fact]
    public void Flat_spectrum_of_m_equal_eigenvalues_has_both_ranks_m()
    {
        var r = EffectiveRank.FromEigenvalues([2.5, 2.5, 2.5, 0, 0]);
        Assert.Equal(3, r.ParticipationRatio, 1e-12);
        Assert.Equal(3, r.EntropyRank, 1e-12);
        Assert.Equal(0, EffectiveRank.FromEigenvalues([0.0, 0.0]).ParticipationRatio);
    }

    [Fact]
    public void Effective_ranks_match_a_naive_double_second_moment_and_jacobi_eigenvalues()
    {
        var cases = from n in Gen.Choose(1, 40)
                    from d in Gen.Choose(1, 12)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.RandomMatrix(c.n, c.d, c.seed);
            var sigma = new double[c.d, c.d];
            for (int a = 0; a < c.d; a++)
            {
                for (int b = 0; b < c.d; b++)
                {
                    double s = 0;
                    for (int i = 0; i < c.n; i++)
                    {
                        s += (double)x[i, a] * x[i, b];
                    }

                    sigma[a, b] = s / c.n;
                }
            }

            double[] lambda = DiagnosticsReference.JacobiEigenvalues(sigma).Select(l => Math.Max(0, l)).ToArray();
            double sum = lambda.Sum();
            double participation = sum * sum / lambda.Sum(l => l * l);
            double entropy = Math.Exp(-lambda.Where(l => l > 0).Sum(l => l / sum * Math.Log(l / sum)));
            EffectiveRankResult r = EffectiveRank.Compute(new ReadOnlySpan2D<float>(x));
            Assert.True(Math.Abs(r.ParticipationRatio - participation) <= 1e-4 * participation, $"{r.ParticipationRatio} vs {participation}");
            Assert.True(Math.Abs(r.EntropyRank - entropy) <= 1e-3 * entropy, $"{r.EntropyRank} vs {entropy}");
            Assert.Equal(c.d, r.Eigenvalues.Length);
        }, maxTest: 60);
    }

    [Fact]
    public void Bad_input_throws_argument_exception_naming_the_parameter()
    {
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => EffectiveRank.Compute(new ReadOnlySpan2D<float>(new float[0, 3]))).ParamName);
        var x = new float[2, 2];
        x[1, 1] = float.PositiveInfinity;
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => EffectiveRank.Compute(new ReadOnlySpan2D<float>(x))).ParamName);
        Assert.Equal("eigenvalues", Assert.ThrowsAny<ArgumentException>(() => EffectiveRank.FromEigenvalues([1.0, -1.0])).ParamName);
    }
}
