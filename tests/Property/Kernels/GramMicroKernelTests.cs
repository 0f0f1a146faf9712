using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Kernels;

public class GramMicroKernelTests
{
    public static TheoryData<string> AvailableKernels => [.. GramMicroKernels.Available.Select(k => k.Name)];

    [Fact]
    public void This_machine_offers_the_scalar_kernel_and_the_widest_is_the_default()
    {
        Assert.Contains("scalar", GramMicroKernels.Available.Select(k => k.Name));
        if (Environment.GetEnvironmentVariable(GramMicroKernels.EnvironmentVariable) is null or "")
        {
            Assert.Same(GramMicroKernels.Available[^1], GramMicroKernels.Default);
        }
    }

    [Theory]
    [MemberData(nameof(AvailableKernels))]
    public void Every_micro_kernel_meets_the_reference_bound_and_matches_the_scalar_kernel_bitwise(string name)
    {
        GramMicroKernel kernelPath = GramMicroKernels.Select(name);
        var cases = from n in Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(220, 300))
                    from m in Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(220, 300))
                    from d in Gen.OneOf(Gen.Choose(1, 40), Gen.Elements(257, 800))
                    from kind in Gen.Elements(Enum.GetValues<KernelKind>())
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, d, kind, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, m, d, kind, seed) = c;
            var kernel = new Kernel(kind, kind == KernelKind.Rbf ? 0.3f : null);
            float[,] x = Reference.RandomMatrix(n, d, seed);
            float[,] y = Reference.RandomMatrix(m, d, seed + 1);
            var k = new float[n, m];
            var scalar = new float[n, m];
            GramEngine.ComputeRows(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), kernel, 0, n, new Span2D<float>(k), kernelPath, -1);
            GramEngine.ComputeRows(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), kernel, 0, n, new Span2D<float>(scalar), GramMicroKernels.Scalar, 1);
            Assert.Equal(scalar.Cast<float>().Select(BitConverter.SingleToInt32Bits), k.Cast<float>().Select(BitConverter.SingleToInt32Bits));
            if ((long)n * m * d <= 300_000)
            {
                GramErrorBound.AssertWithinBound(kernel, x, y, k, $"{name} {kernel} n={n} m={m} d={d}");
            }
        }, maxTest: 25);
    }

    [Theory]
    [MemberData(nameof(AvailableKernels))]
    public void Every_micro_kernel_computes_the_symmetric_Gram_like_the_general_one(string name)
    {
        GramMicroKernel kernelPath = GramMicroKernels.Select(name);
        var cases = from n in Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(220, 480))
                    from d in Gen.Choose(1, 30)
                    from kind in Gen.Elements(Enum.GetValues<KernelKind>())
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, kind, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, d, kind, seed) = c;
            var kernel = new Kernel(kind);
            float[,] x = Reference.RandomMatrix(n, d, seed);
            var general = new float[n, n];
            var symmetric = new float[n, n];
            GramEngine.ComputeRows(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(x), kernel, 0, n, new Span2D<float>(general), GramMicroKernels.Scalar, 1);
            GramEngine.ComputeSymmetric(new ReadOnlySpan2D<float>(x), kernel, new Span2D<float>(symmetric), kernelPath, -1);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (i != j || kind != KernelKind.Cosine)
                    {
                        Assert.True(general[i, j].Equals(symmetric[i, j]), $"{name} {kind} n={n} d={d} [{i},{j}]");
                    }
                }
            }
        }, maxTest: 15);
    }

    [Theory]
    [InlineData("scalar")]
    [InlineData(" SCALAR ")]
    public void Select_finds_a_kernel_by_name_ignoring_case_and_spaces(string name) =>
        Assert.Same(GramMicroKernels.Scalar, GramMicroKernels.Select(name));

    [Fact]
    public void Select_rejects_an_unknown_kernel_name()
    {
        var e = Assert.Throws<ArgumentException>(() => GramMicroKernels.Select("avx9000"));
        Assert.Contains(GramMicroKernels.EnvironmentVariable, e.Message);
    }
}
