using CommunityToolkit.HighPerformance;
using FastCoverage.Diagnostics;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Diagnostics;

public class CoherenceTests
{
    private static void CheckAgainstNaive(float[,] x)
    {
        int n = x.GetLength(0);
        double naive = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                naive = Math.Max(naive, Math.Abs(DiagnosticsReference.Cosine(x, i, x, j)));
            }
        }

        CoherenceResult r = Coherence.Compute(new ReadOnlySpan2D<float>(x));
        double tolerance = 4 * (x.GetLength(1) + 4) * 6e-8;
        Assert.True(Math.Abs(r.Value - naive) <= tolerance, $"μ = {r.Value}, naive {naive}");
        Assert.True(r.First < r.Second && r.Second < n);
        Assert.True(Math.Abs(Math.Abs(DiagnosticsReference.Cosine(x, r.First, x, r.Second)) - naive) <= tolerance, "the reported pair does not attain μ");
    }

    [Fact]
    public void Coherence_matches_naive_max_absolute_cosine_over_distinct_pairs()
    {
        var cases = from n in Gen.Choose(2, 40)
                    from d in Gen.Choose(1, 20)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, seed);
        Properties.ForAll(cases.ToArbitrary(), c => CheckAgainstNaive(Reference.RandomMatrix(c.n, c.d, c.seed)), maxTest: 80);
    }

    [Fact]
    public void Coherence_over_several_row_blocks_matches_naive()
    {
        CheckAgainstNaive(Reference.RandomMatrix(300, 6, 17));
    }

    [Fact]
    public void Orthogonal_points_have_coherence_zero_and_a_duplicate_has_coherence_one()
    {
        var x = new float[4, 4];
        for (int i = 0; i < 4; i++)
        {
            x[i, i] = i + 1;
        }

        Assert.Equal(0, Coherence.Compute(new ReadOnlySpan2D<float>(x)).Value);
        x[3, 0] = -5f;
        x[3, 3] = 0f;
        Assert.Equal(1, Coherence.Compute(new ReadOnlySpan2D<float>(x)).Value, 1e-6);
    }

    [Fact]
    public void Bad_input_throws_argument_exception_naming_the_parameter()
    {
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => Coherence.Compute(new ReadOnlySpan2D<float>(new float[1, 3]))).ParamName);
        var x = new float[3, 2];
        x[0, 0] = float.NaN;
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => Coherence.Compute(new ReadOnlySpan2D<float>(x))).ParamName);
    }
}
