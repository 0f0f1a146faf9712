using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Kernels;

/// <summary>
/// The symmetric Gram's mirror (streamed with non-temporal stores on whole destination lines, ordinary stores on the
/// partial lines at either end of a row segment) into windows of larger matrices, whose rows start at every
/// alignment (half of them with a row stride of whole lines, so that every row starts at the same offset): it must
/// write exactly the window, and every entry as the general (unmirrored) path computes it.
/// </summary>
public class SymmetricMirrorTests
{
    private const float Sentinel = -42f;

    [Theory]
    [MemberData(nameof(GramMicroKernelTests.AvailableKernels), MemberType = typeof(GramMicroKernelTests))]
    public void Symmetric_Gram_fills_exactly_a_strided_window_at_any_alignment_like_the_general_Gram(string name)
    {
        GramMicroKernel kernelPath = GramMicroKernels.Select(name);
        var cases = from n in Gen.OneOf(Gen.Choose(1, 40), Gen.Choose(200, 520))
                    from d in Gen.Choose(1, 20)
                    from top in Gen.Choose(0, 3)
                    from left in Gen.Choose(0, 17)
                    from pitch in Gen.Choose(0, 37)
                    from wholeLines in Gen.Elements(false, true)
                    from kind in Gen.Elements(Enum.GetValues<KernelKind>())
                    from threads in Gen.Elements(1, 2)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, top, left, wholeLines ? pitch + ((16 - ((left + n + pitch) % 16)) % 16) : pitch, kind, threads, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (n, d, top, left, pitch, kind, threads, seed) = c;
            var kernel = new Kernel(kind);
            float[,] x = Reference.RandomMatrix(n, d, seed);
            var general = new float[n, n];
            GramEngine.ComputeRows(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(x), kernel, 0, n, new Span2D<float>(general), GramMicroKernels.Scalar, 1);

            int height = top + n + 1;
            int width = left + n + pitch;
            var storage = new float[height, width];
            new Span2D<float>(storage).Fill(Sentinel);
            Span2D<float> window = new Span2D<float>(storage).Slice(top, left, n, n);
            GramEngine.ComputeSymmetric(new ReadOnlySpan2D<float>(x), kernel, window, kernelPath, threads);

            for (int i = 0; i < height; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    int r = i - top, s = j - left;
                    bool inside = r >= 0 && r < n && s >= 0 && s < n;
                    float expected = !inside ? Sentinel : r == s && kind == KernelKind.Cosine ? storage[i, j] : general[r, s];
                    Assert.True(
                        BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(storage[i, j]),
                        $"{name} {kind} n={n} d={d} window at ({top},{left}) of {height}×{width}, threads {threads}: [{i},{j}] = {storage[i, j]}, expected {expected}");
                }
            }
        }, maxTest: 20);
    }
}
