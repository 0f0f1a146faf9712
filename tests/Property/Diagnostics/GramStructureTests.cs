using CommunityToolkit.HighPerformance;
using FastCoverage.Diagnostics;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Diagnostics;

public class GramStructureTests
{
    private static void CheckAgainstNaive(float[,] x, int[] labels, KernelKind kind)
    {
        int n = x.GetLength(0);
        double[,] g = DiagnosticsReference.Gram(kind, 0.3, x);
        double all = 0, off = 0, offSum = 0, within = 0, between = 0, inner = 0;
        long withinPairs = 0, betweenPairs = 0, labelSquares = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                all += g[i, j] * g[i, j];
                if (labels[i] == labels[j])
                {
                    inner += g[i, j];
                    labelSquares++;
                }

                if (i == j)
                {
                    continue;
                }

                off += g[i, j] * g[i, j];
                offSum += g[i, j];
                if (labels[i] == labels[j])
                {
                    within += g[i, j];
                    withinPairs++;
                }
                else
                {
                    between += g[i, j];
                    betweenPairs++;
                }
            }
        }

        var kernel = new Kernel(kind, kind == KernelKind.Rbf ? 0.3f : null);
        GramStructureResult r = GramStructure.Compute(new ReadOnlySpan2D<float>(x), kernel, labels);
        double scale = kind == KernelKind.Linear ? Enumerable.Range(0, n).Max(i => Reference.Dot(x, i, x, i)) : 1;
        double tolerance = 1e-4;
        Assert.Equal(n, r.Count);
        Assert.Equal(labels.Distinct().Count(), r.Classes);
        Assert.True(Math.Abs(r.OffDiagonalMass - (all > 0 ? off / all : 0)) <= tolerance, $"mass {r.OffDiagonalMass} vs {off / all}");
        AssertClose(n > 1 ? offSum / (n * (n - 1.0)) : double.NaN, r.MeanOffDiagonal, tolerance * scale);
        AssertClose(withinPairs > 0 ? within / withinPairs : double.NaN, r.WithinBlockMean, tolerance * scale);
        AssertClose(betweenPairs > 0 ? between / betweenPairs : double.NaN, r.BetweenBlockMean, tolerance * scale);
        AssertClose(all > 0 ? inner / (Math.Sqrt(all) * Math.Sqrt(labelSquares)) : double.NaN, r.LabelAlignment, tolerance);
    }

    private static void AssertClose(double expected, double actual, double tolerance)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"expected NaN, got {actual}");
            return;
        }

        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected}, got {actual}");
    }

    [Fact]
    public void Masses_block_means_and_label_alignment_match_a_naive_double_gram()
    {
        var cases = from n in Gen.Choose(1, 30)
                    from d in Gen.Choose(1, 10)
                    from classes in Gen.Choose(1, 5)
                    from kind in Gen.Elements(KernelKind.Linear, KernelKind.Cosine, KernelKind.Rbf)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, classes, kind, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            int[] labels = Enumerable.Range(0, c.n).Select(_ => random.Next(c.classes) * 3 - 4).ToArray();
            CheckAgainstNaive(Reference.RandomMatrix(c.n, c.d, c.seed), labels, c.kind);
        }, maxTest: 80);
    }

    [Fact]
    public void Several_row_blocks_match_a_naive_double_gram()
    {
        var random = new Random(3);
        CheckAgainstNaive(Reference.RandomMatrix(300, 5, 9), Enumerable.Range(0, 300).Select(_ => random.Next(7)).ToArray(), KernelKind.Cosine);
    }

    [Fact]
    public void Orthogonal_points_have_no_off_diagonal_mass_and_identical_points_have_n_minus_one_over_n()
    {
        var orthogonal = new float[5, 5];
        var identical = new float[5, 3];
        for (int i = 0; i < 5; i++)
        {
            orthogonal[i, i] = 2f;
            identical[i, 0] = 1f;
            identical[i, 2] = -2f;
        }

        Assert.Equal(0, GramStructure.Compute(new ReadOnlySpan2D<float>(orthogonal), Kernel.Linear).OffDiagonalMass);
        Assert.Equal(0.8, GramStructure.Compute(new ReadOnlySpan2D<float>(identical), Kernel.Cosine).OffDiagonalMass, 1e-6);
    }

    [Fact]
    public void Bad_input_throws_argument_exception_naming_the_parameter()
    {
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => GramStructure.Compute(new ReadOnlySpan2D<float>(Reference.RandomMatrix(4, 2, 1)), Kernel.Cosine, new int[3])).ParamName);
        Assert.Equal("kernel", Assert.ThrowsAny<ArgumentException>(() => GramStructure.Compute(new ReadOnlySpan2D<float>(Reference.RandomMatrix(4, 2, 1)), Kernel.SquaredEuclidean)).ParamName);
        Assert.Equal("features", Assert.ThrowsAny<ArgumentException>(() => GramStructure.Compute(new ReadOnlySpan2D<float>(new float[0, 2]), Kernel.Cosine)).ParamName);
    }
}
