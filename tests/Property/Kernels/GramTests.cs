using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Kernels;

public class GramTests
{
    private static double ReferenceKernel(KernelKind kind, double gamma, float[,] x, int i, float[,] y, int j) => kind switch
    {
        KernelKind.Linear => Reference.Dot(x, i, y, j),
        KernelKind.SquaredEuclidean => Reference.SquaredDistance(x, i, y, j),
        KernelKind.Rbf => Math.Exp(-gamma * Reference.SquaredDistance(x, i, y, j)),
        KernelKind.Cosine => Reference.Dot(x, i, y, j) / Math.Sqrt(Reference.Dot(x, i, x, i) * Reference.Dot(y, j, y, j)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Error bound for |K − K_ref|: a few units of float32 rounding in each of d products of the row norms.</summary>
    private static double Bound(KernelKind kind, double gamma, float[,] x, int i, float[,] y, int j)
    {
        int d = x.GetLength(1);
        double scale = Math.Sqrt(Reference.Dot(x, i, x, i) * Reference.Dot(y, j, y, j));
        const double u = 6e-8;
        return kind switch
        {
            KernelKind.Linear => 4 * (d + 2) * u * scale + 1e-30,
            KernelKind.Cosine => 4 * (d + 4) * u + 1e-30,
            KernelKind.SquaredEuclidean => 8 * (d + 4) * u * (Reference.Dot(x, i, x, i) + Reference.Dot(y, j, y, j)) + 1e-30,
            _ => 8 * (d + 4) * u * gamma * (Reference.Dot(x, i, x, i) + Reference.Dot(y, j, y, j)) + 1e-6,
        };
    }

    [Fact]
    public void Gram_of_X_and_Y_matches_double_reference_for_every_kernel_and_shape()
    {
        var cases = from n in Gen.Choose(1, 37)
                    from m in Gen.Choose(1, 37)
                    from d in Gen.Choose(1, 37)
                    from kind in Gen.Elements(Enum.GetValues<KernelKind>())
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, d, kind, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, m, d, kind, seed) = c;
            float[,] x = Reference.RandomMatrix(n, d, seed);
            float[,] y = Reference.RandomMatrix(m, d, seed + 1);
            var kernel = new Kernel(kind, kind == KernelKind.Rbf ? 0.7f : null);
            var k = new float[n, m];
            Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), kernel, new Span2D<float>(k));
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    double expected = ReferenceKernel(kind, 0.7, x, i, y, j);
                    double bound = Bound(kind, 0.7, x, i, y, j);
                    Assert.True(Math.Abs(k[i, j] - expected) <= bound, $"{kind} n={n} m={m} d={d} K[{i},{j}]={k[i, j]} expected {expected} ± {bound}");
                }
            }
        }, maxTest: 200);
    }
}
