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

    [Fact]
    public unsafe void A_computed_block_of_panels_and_columns_equals_the_row_streamer_bitwise_on_every_micro_kernel()
    {
        var cases = from n in Gen.Choose(1, 60)
                    from m in Gen.Choose(1, 300)
                    from d in Gen.Choose(1, 20)
                    from kind in Gen.Elements(Enum.GetValues<KernelKind>())
                    from mask in Gen.Choose(0, int.MaxValue)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, d, kind, mask, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, m, d, kind, mask, seed) = c;
            var kernel = new Kernel(kind);
            float[,] x = Reference.RandomMatrix(n, d, seed);
            float[,] y = Reference.RandomMatrix(m, d, seed + 1);
            foreach (GramMicroKernel micro in GramMicroKernels.Available)
            {
                var source = new GramRowSource(new ReadOnlySpan2D<float>(y), kernel, micro, -1);
                var rows = new float[n, m];
                source.ComputeRows(new ReadOnlySpan2D<float>(x), 0, n, new Span2D<float>(rows), 1);
                int nr = micro.Columns;
                int start = new Random(seed).Next(0, (m - 1) / nr + 1) * nr;
                int columns = new Random(seed + 2).Next(1, m - start + 1);
                int panels = (n + micro.Rows - 1) / micro.Rows;
                int stride = ((columns + nr - 1) / nr * nr) + 16;
                var buffer = new float[(panels * micro.Rows * stride) + 16];
                fixed (float* px = x)
                fixed (float* pb = buffer)
                {
                    PackedRows packed = source.PackRows(new MatrixView(px, n, d, d), 0, n, 1);
                    source.ComputeBlock(packed, start, columns, pb, stride, (ulong)(uint)mask);
                }

                for (int i = 0; i < n; i++)
                {
                    if ((mask & (1 << (i / micro.Rows))) == 0)
                    {
                        continue;
                    }

                    for (int j = 0; j < columns; j++)
                    {
                        Assert.True(rows[i, start + j].Equals(buffer[(i * stride) + j]), $"{micro.Name} {kind} [{i},{start + j}]");
                    }
                }
            }
        }, maxTest: 40);
    }
}
