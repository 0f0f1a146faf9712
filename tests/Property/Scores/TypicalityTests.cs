using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Scores;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Scores;

public class TypicalityTests
{
    private static double Similarity(KernelKind kind, float[,] x, int i, int j) => kind switch
    {
        KernelKind.Linear => Reference.Dot(x, i, x, j),
        KernelKind.Cosine => Reference.Dot(x, i, x, j) / Math.Sqrt(Reference.Dot(x, i, x, i) * Reference.Dot(x, j, x, j)),
        KernelKind.Rbf => Math.Exp(-0.5 * Reference.SquaredDistance(x, i, x, j)),
        _ => -Reference.SquaredDistance(x, i, x, j),
    };

    [Fact]
    public void Typicality_is_the_mean_similarity_to_the_k_most_similar_other_points()
    {
        var cases = from n in Gen.Choose(2, 90)
                    from d in Gen.Choose(1, 12)
                    from kind in Gen.Elements(Enum.GetValues<KernelKind>())
                    from duplicates in Gen.Elements(false, true)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    from kFraction in Gen.Choose(0, 100)
                    select (n, d, kind, duplicates, seed, k: 1 + ((n - 2) * kFraction / 100));
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.RandomMatrix(c.n, c.d, c.seed);
            if (c.duplicates)
            {
                for (int i = c.n / 2; i < c.n; i++)
                {
                    for (int k = 0; k < c.d; k++)
                    {
                        x[i, k] = x[i % 3 % c.n, k]; // many exact duplicates: equal similarities
                    }
                }
            }

            var kernel = new Kernel(c.kind, c.kind == KernelKind.Rbf ? 0.5f : null);
            double[] t = Typicality.Compute(new ReadOnlySpan2D<float>(x), c.k, kernel);
            for (int i = 0; i < c.n; i++)
            {
                double expected = Enumerable.Range(0, c.n).Where(j => j != i)
                    .Select(j => Similarity(c.kind, x, i, j))
                    .OrderDescending()
                    .Take(c.k)
                    .Average();
                double bound = 8 * (c.d + 4) * 6e-8 * (1 + (2 * c.d)) + 1e-9; // float Gram rounding, norms ≤ d
                Assert.True(Math.Abs(t[i] - expected) <= bound, $"{c}: t[{i}] = {t[i]}, expected {expected} ± {bound}");
            }
        }, maxTest: 100);
    }

    [Fact]
    public void Results_are_bitwise_identical_for_one_and_all_threads()
    {
        float[,] x = Reference.RandomMatrix(203, 9, 3);
        Assert.Equal(
            Typicality.Compute(new ReadOnlySpan2D<float>(x), 7, Kernel.Rbf(), 1),
            Typicality.Compute(new ReadOnlySpan2D<float>(x), 7, Kernel.Rbf(), -1));
    }

    [Fact]
    public void Bad_inputs_throw_ArgumentException_naming_the_parameter()
    {
        float[,] x = Reference.RandomMatrix(4, 2, 1);
        Assert.Equal("neighbors", Assert.Throws<ArgumentException>(() => Typicality.Compute(new ReadOnlySpan2D<float>(x), 0, Kernel.Cosine)).ParamName);
        Assert.Equal("neighbors", Assert.Throws<ArgumentException>(() => Typicality.Compute(new ReadOnlySpan2D<float>(x), 4, Kernel.Cosine)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => Typicality.Compute(new ReadOnlySpan2D<float>(new float[0, 2]), 1, Kernel.Cosine)).ParamName);
        Assert.Equal("neighbors", Assert.Throws<ArgumentException>(() => Typicality.Compute(new ReadOnlySpan2D<float>(new float[1, 2]), 1, Kernel.Cosine)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Typicality.Compute(new ReadOnlySpan2D<float>(x), 1, Kernel.Rbf(-1f)));
        x[3, 0] = float.NaN;
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => Typicality.Compute(new ReadOnlySpan2D<float>(x), 1, Kernel.Cosine)).ParamName);
    }
}
