using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Kernels;

public class GramTests
{
    private static Gen<Kernel> Kernels =>
        from kind in Gen.Elements(Enum.GetValues<KernelKind>())
        from gamma in Gen.Elements<float?>(null, 0.05f, 0.7f)
        select new Kernel(kind, kind == KernelKind.Rbf ? gamma : null);

    [Fact]
    public void Gram_of_X_and_Y_matches_double_reference_within_the_stated_float32_bound()
    {
        var cases = from n in Gen.Choose(1, 37)
                    from m in Gen.Choose(1, 37)
                    from d in Gen.Choose(1, 70)
                    from kernel in Kernels
                    from scale in Gen.Elements(1f, 0.01f, 30f)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, d, kernel, scale, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, m, d, kernel, scale, seed) = c;
            float[,] x = Reference.RandomMatrix(n, d, seed, scale);
            float[,] y = Reference.RandomMatrix(m, d, seed + 1, scale);
            var k = new float[n, m];
            Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), kernel, new Span2D<float>(k));
            GramErrorBound.AssertWithinBound(kernel, x, y, k, $"{kernel} n={n} m={m} d={d} scale={scale}");
        }, maxTest: 200);
    }

    [Fact]
    public void Linear_Gram_equals_the_sequential_fused_multiply_add_chain_bitwise_across_several_tiles_and_depth_blocks()
    {
        var cases = from n in Gen.Choose(1, 260)
                    from m in Gen.Choose(1, 260)
                    from d in Gen.Elements(1, 3, 17, 300, 800)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, d, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, m, d, seed) = c;
            float[,] x = Reference.RandomMatrix(n, d, seed);
            float[,] y = Reference.RandomMatrix(m, d, seed + 1);
            var k = new float[n, m];
            Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), Kernel.Linear, new Span2D<float>(k));
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    float chain = 0f;
                    for (int p = 0; p < d; p++)
                    {
                        chain = MathF.FusedMultiplyAdd(x[i, p], y[j, p], chain);
                    }

                    Assert.True(BitConverter.SingleToInt32Bits(chain) == BitConverter.SingleToInt32Bits(k[i, j]), $"n={n} m={m} d={d} K[{i},{j}] = {k[i, j]}, chain {chain}");
                }
            }
        }, maxTest: 12);
    }

    [Fact]
    public void Symmetric_Gram_equals_general_Gram_of_X_with_itself_bitwise_off_the_diagonal()
    {
        var cases = from n in Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(200, 470))
                    from d in Gen.Choose(1, 24)
                    from kernel in Kernels
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, kernel, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, d, kernel, seed) = c;
            float[,] x = Reference.RandomMatrix(n, d, seed);
            var general = new float[n, n];
            var symmetric = new float[n, n];
            Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(x), kernel, new Span2D<float>(general));
            Gram.ComputeSymmetric(new ReadOnlySpan2D<float>(x), kernel, new Span2D<float>(symmetric));
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (i == j && kernel.Kind == KernelKind.Cosine)
                    {
                        Assert.Equal(1f, symmetric[i, i]);
                        continue;
                    }

                    Assert.True(general[i, j].Equals(symmetric[i, j]), $"{kernel} n={n} d={d} [{i},{j}]: general {general[i, j]} symmetric {symmetric[i, j]}");
                }
            }

            if (kernel.Kind is KernelKind.SquaredEuclidean or KernelKind.Rbf)
            {
                float self = kernel.Kind == KernelKind.Rbf ? 1f : 0f;
                for (int i = 0; i < n; i++)
                {
                    Assert.Equal(self, symmetric[i, i]);
                }
            }
        }, maxTest: 25);
    }

    [Fact]
    public void ComputeRows_equals_the_same_rows_of_Compute_bitwise()
    {
        var cases = from n in Gen.Choose(1, 300)
                    from m in Gen.Choose(1, 250)
                    from d in Gen.Choose(1, 20)
                    from a in Gen.Choose(0, n)
                    from b in Gen.Choose(0, n)
                    from kernel in Kernels
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, d, Math.Min(a, b), Math.Max(a, b), kernel, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, m, d, rowStart, rowEnd, kernel, seed) = c;
            float[,] x = Reference.RandomMatrix(n, d, seed);
            float[,] y = Reference.RandomMatrix(m, d, seed + 1);
            var full = new float[n, m];
            var block = new float[rowEnd - rowStart, m];
            Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), kernel, new Span2D<float>(full));
            Gram.ComputeRows(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), kernel, rowStart, rowEnd, new Span2D<float>(block));
            for (int i = rowStart; i < rowEnd; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    Assert.True(full[i, j].Equals(block[i - rowStart, j]), $"{kernel} rows [{rowStart},{rowEnd}) [{i},{j}]");
                }
            }
        }, maxTest: 30);
    }

    [Fact]
    public void Gram_is_bitwise_identical_for_one_two_and_all_threads()
    {
        var cases = from n in Gen.Choose(200, 500)
                    from m in Gen.Choose(200, 500)
                    from d in Gen.Choose(1, 12)
                    from kernel in Kernels
                    from symmetric in Gen.Elements(false, true)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, d, kernel, symmetric, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, m, d, kernel, symmetric, seed) = c;
            float[,] x = Reference.RandomMatrix(n, d, seed);
            float[,] y = symmetric ? x : Reference.RandomMatrix(m, d, seed + 1);
            float[][,] results = [.. new[] { 1, 2, -1 }.Select(threads =>
            {
                var k = new float[x.GetLength(0), y.GetLength(0)];
                if (symmetric)
                {
                    Gram.ComputeSymmetric(new ReadOnlySpan2D<float>(x), kernel, new Span2D<float>(k), threads);
                }
                else
                {
                    Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), kernel, new Span2D<float>(k), threads);
                }

                return k;
            })];
            Assert.Equal(results[0].Cast<float>().Select(BitConverter.SingleToInt32Bits), results[1].Cast<float>().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(results[0].Cast<float>().Select(BitConverter.SingleToInt32Bits), results[2].Cast<float>().Select(BitConverter.SingleToInt32Bits));
        }, maxTest: 12);
    }

    [Fact]
    public void Gram_writes_only_its_window_of_a_strided_destination()
    {
        float[,] x = Reference.RandomMatrix(19, 5, 7);
        float[,] y = Reference.RandomMatrix(23, 5, 8);
        var storage = new float[25, 30];
        for (int i = 0; i < 25; i++)
        {
            for (int j = 0; j < 30; j++)
            {
                storage[i, j] = -42f;
            }
        }

        Span2D<float> window = new Span2D<float>(storage).Slice(2, 3, 19, 23);
        Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), Kernel.Rbf(), window);
        var expected = new float[19, 23];
        Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), Kernel.Rbf(), new Span2D<float>(expected));
        for (int i = 0; i < 25; i++)
        {
            for (int j = 0; j < 30; j++)
            {
                bool inside = i >= 2 && i < 21 && j >= 3 && j < 26;
                Assert.Equal(inside ? expected[i - 2, j - 3] : -42f, storage[i, j]);
            }
        }
    }
}
