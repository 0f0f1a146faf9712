using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Kernels;

public class GramRowSourceTests
{
    [Fact]
    public void Streaming_row_blocks_from_one_prepared_Y_reproduces_Compute_bitwise()
    {
        var cases = from n in Gen.Choose(1, 300)
                    from m in Gen.Choose(1, 260)
                    from d in Gen.Choose(1, 20)
                    from block in Gen.Choose(1, 120)
                    from kind in Gen.Elements(Enum.GetValues<KernelKind>())
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, d, block, kind, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, m, d, block, kind, seed) = c;
            var kernel = new Kernel(kind);
            float[,] x = Reference.RandomMatrix(n, d, seed);
            float[,] y = Reference.RandomMatrix(m, d, seed + 1);
            var full = new float[n, m];
            Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), kernel, new Span2D<float>(full));
            var source = new GramRowSource(new ReadOnlySpan2D<float>(y), kernel, GramMicroKernels.Default, -1);
            Assert.Equal(m, source.Count);
            Assert.Equal(d, source.Dimension);
            var rows = new float[block, m];
            for (int i0 = 0; i0 < n; i0 += block)
            {
                int i1 = Math.Min(n, i0 + block);
                Span2D<float> window = new Span2D<float>(rows).Slice(0, 0, i1 - i0, m);
                source.ComputeRows(new ReadOnlySpan2D<float>(x), i0, i1, window, -1);
                for (int i = i0; i < i1; i++)
                {
                    for (int j = 0; j < m; j++)
                    {
                        Assert.True(full[i, j].Equals(rows[i - i0, j]), $"{kind} block {block} [{i},{j}]");
                    }
                }
            }
        }, maxTest: 25);
    }
}
