using CommunityToolkit.HighPerformance;
using FastCoverage.Diagnostics;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Diagnostics;

public class KernelAlignmentTests
{
    private static double NaiveAlignment(double[,] a, double[,] b)
    {
        double inner = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                inner += a[i, j] * b[i, j];
                aa += a[i, j] * a[i, j];
                bb += b[i, j] * b[i, j];
            }
        }

        return inner / Math.Sqrt(aa * bb);
    }

    [Fact]
    public void Alignment_of_precomputed_matrices_matches_naive_double()
    {
        var cases = from n in Gen.Choose(1, 30)
                    from m in Gen.Choose(1, 30)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] a = Reference.RandomMatrix(c.n, c.m, c.seed);
            float[,] b = Reference.RandomMatrix(c.n, c.m, c.seed + 1);
            double expected = NaiveAlignment(ToDouble(a), ToDouble(b));
            double actual = KernelAlignment.Compute(new ReadOnlySpan2D<float>(a), new ReadOnlySpan2D<float>(b));
            Assert.True(Math.Abs(expected - actual) <= 1e-5, $"{actual} vs {expected}");
            Assert.Equal(1, KernelAlignment.Compute(new ReadOnlySpan2D<float>(a), new ReadOnlySpan2D<float>(a)), 1e-6);
        }, maxTest: 100);
    }

    [Fact]
    public void Streamed_alignment_of_two_feature_kernels_matches_naive_double_grams()
    {
        var cases = from n in Gen.Choose(1, 30)
                    from d1 in Gen.Choose(1, 8)
                    from d2 in Gen.Choose(1, 8)
                    from kind1 in Gen.Elements(KernelKind.Linear, KernelKind.Cosine, KernelKind.Rbf)
                    from kind2 in Gen.Elements(KernelKind.Linear, KernelKind.Cosine, KernelKind.Rbf)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d1, d2, kind1, kind2, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x1 = Reference.RandomMatrix(c.n, c.d1, c.seed);
            float[,] x2 = Reference.RandomMatrix(c.n, c.d2, c.seed + 1);
            double expected = NaiveAlignment(DiagnosticsReference.Gram(c.kind1, 0.3, x1), DiagnosticsReference.Gram(c.kind2, 0.3, x2));
            double actual = KernelAlignment.Compute(
                new ReadOnlySpan2D<float>(x1), new Kernel(c.kind1, 0.3f), new ReadOnlySpan2D<float>(x2), new Kernel(c.kind2, 0.3f));
            Assert.True(Math.Abs(expected - actual) <= 1e-4, $"{actual} vs {expected}");
        }, maxTest: 80);
    }

    [Fact]
    public void Bad_input_throws_argument_exception_naming_the_parameter()
    {
        var a = new float[2, 2];
        a[0, 0] = 1;
        Assert.Equal("second", Assert.ThrowsAny<ArgumentException>(() => KernelAlignment.Compute(new ReadOnlySpan2D<float>(a), new ReadOnlySpan2D<float>(new float[2, 3]))).ParamName);
        Assert.Equal("second", Assert.ThrowsAny<ArgumentException>(() => KernelAlignment.Compute(new ReadOnlySpan2D<float>(a), new ReadOnlySpan2D<float>(new float[2, 2]))).ParamName);
        Assert.Equal("second", Assert.ThrowsAny<ArgumentException>(() => KernelAlignment.Compute(new ReadOnlySpan2D<float>(a), Kernel.Linear, new ReadOnlySpan2D<float>(new float[3, 2]), Kernel.Linear)).ParamName);
    }

    private static double[,] ToDouble(float[,] m)
    {
        var r = new double[m.GetLength(0), m.GetLength(1)];
        for (int i = 0; i < m.GetLength(0); i++)
        {
            for (int j = 0; j < m.GetLength(1); j++)
            {
                r[i, j] = m[i, j];
            }
        }

        return r;
    }
}
