using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>Which instruction-set path <see cref="FacilityGainKernel"/> runs.</summary>
internal enum GainKernelPath
{
    /// <summary>512-bit vectors (16 floats), then an overlapping masked last vector.</summary>
    Vector512,

    /// <summary>256-bit vectors (8 floats), then an overlapping masked last vector.</summary>
    Vector256,

    /// <summary>128-bit vectors (4 floats), then an overlapping masked last vector.</summary>
    Vector128,

    /// <summary>One float at a time.</summary>
    Scalar,
}

/// <summary>
/// The fused facility-location gain Σᵢ max(sᵢ − curᵢ, 0) of one candidate (its similarities s to the represented set,
/// stored contiguously) against the current coverage cur, in the style of TensorPrimitives: an operator struct
/// (<see cref="PositivePartOfDifference"/>) driven by a width ladder 512 → 256 → 128 → scalar, four independent
/// accumulators and one overlapping masked vector for the tail.
/// </summary>
/// <remarks>
/// The summation order depends only on the length and on the path, so one path gives bit-identical gains for the
/// same inputs wherever it runs; naive and lazy greedy share it, which makes their results identical. The path is
/// chosen once (widest accelerated) and can be forced with the environment variable
/// <c>FASTCOVERAGE_GAIN_KERNEL</c> = <c>vector512</c> | <c>vector256</c> | <c>vector128</c> | <c>scalar</c>; tests call
/// <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float}, GainKernelPath)"/> on every path directly.
/// </remarks>
internal static partial class FacilityGainKernel
{
    /// <summary>The path used by <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float})"/>.</summary>
    public static readonly GainKernelPath ActivePath = ChoosePath(Environment.GetEnvironmentVariable("FASTCOVERAGE_GAIN_KERNEL"));

    /// <summary>The paths this machine can run.</summary>
    public static IEnumerable<GainKernelPath> SupportedPaths()
    {
        if (Vector512.IsHardwareAccelerated)
        {
            yield return GainKernelPath.Vector512;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            yield return GainKernelPath.Vector256;
        }

        if (Vector128.IsHardwareAccelerated)
        {
            yield return GainKernelPath.Vector128;
        }

        yield return GainKernelPath.Scalar;
    }

    internal static GainKernelPath ChoosePath(string? forced)
    {
        GainKernelPath widest = SupportedPaths().First();
        if (string.IsNullOrWhiteSpace(forced))
        {
            return widest;
        }

        if (!Enum.TryParse(forced.Trim(), ignoreCase: true, out GainKernelPath path) || !SupportedPaths().Contains(path))
        {
            throw new InvalidOperationException($"FASTCOVERAGE_GAIN_KERNEL='{forced}' is not a path this machine supports ({string.Join(", ", SupportedPaths())}).");
        }

        return path;
    }

    /// <summary>Σᵢ max(similarityᵢ − coverageᵢ, 0) on the <see cref="ActivePath"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage) => Sum(similarity, coverage, ActivePath);

    /// <summary>Σᵢ max(similarityᵢ − coverageᵢ, 0) on a given path (which must be supported).</summary>
    public static float Sum(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage, GainKernelPath path)
    {
        if (similarity.Length != coverage.Length)
        {
            throw new ArgumentException($"The similarity has {similarity.Length} entries but the coverage has {coverage.Length}.", nameof(coverage));
        }

        return path switch
        {
            GainKernelPath.Vector512 => SumVector512<PositivePartOfDifference, NoGroupSkipped>(similarity, coverage, default),
            GainKernelPath.Vector256 => SumVector256<PositivePartOfDifference, NoGroupSkipped>(similarity, coverage, default),
            GainKernelPath.Vector128 => SumVector128<PositivePartOfDifference, NoGroupSkipped>(similarity, coverage, default),
            _ => SumScalar<PositivePartOfDifference>(similarity, coverage, 0, similarity.Length),
        };
    }

    /// <summary>
    /// Σᵢ max(similarityᵢ − coverageᵢ, 0) in the Vector512 path's order whatever the active path (software vectors where
    /// 512-bit ones are not accelerated): the order the streamed similarity source reproduces piece by piece.
    /// </summary>
    internal static float SumInVector512Order(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage) =>
        SumVector512<PositivePartOfDifference, NoGroupSkipped>(similarity, coverage, default);

    private static float SumScalar<TOperator>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int start, int end)
        where TOperator : IFusedBinaryOperator
    {
        float sum = 0f;
        for (int i = start; i < end; i++)
        {
            sum += TOperator.Invoke(x[i], y[i]);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SumVector512<TOperator, TFilter>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, TFilter filter)
        where TOperator : IFusedBinaryOperator
        where TFilter : IGroupFilter, allows ref struct
    {
        if (x.Length < Vector512<float>.Count)
        {
            return SumVector256<TOperator, TFilter>(x, y, filter);
        }

        var sum = default(GainAccumulator512);
        int blocks = x.Length & ~(GainAccumulator512.BlockLength - 1);
        if (typeof(TFilter) == typeof(NoGroupSkipped))
        {
            sum.AddBlocks<TOperator>(x[..blocks], y[..blocks]);
        }
        else
        {
            // Runs of groups that are not skipped, each added in one call (a block is one group). The groups read are
            // scattered over the row, which the hardware prefetcher does not follow: ask for all their lines first, so
            // that the misses overlap instead of each costing a memory latency.
            int groups = blocks / GainAccumulator512.BlockLength;
            PrefetchUnskippedGroups(x, groups, filter);
            for (int g = 0; g < groups;)
            {
                if (filter.Skip((nuint)g))
                {
                    g++;
                    continue;
                }

                int end = g + 1;
                while (end < groups && !filter.Skip((nuint)end))
                {
                    end++;
                }

                int start = g * GainAccumulator512.BlockLength;
                int length = (end - g) * GainAccumulator512.BlockLength;
                sum.AddBlocks<TOperator>(x.Slice(start, length), y.Slice(start, length));
                g = end;
            }
        }

        return sum.Finish<TOperator>(x, y, blocks);
    }

    /// <summary>Prefetches the four cache lines of every group the filter keeps (no-op without SSE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PrefetchUnskippedGroups<TFilter>(ReadOnlySpan<float> x, int groups, TFilter filter)
        where TFilter : IGroupFilter, allows ref struct
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            return;
        }

        fixed (float* start = x)
        {
            for (int g = 0; g < groups; g++)
            {
                if (!filter.Skip((nuint)g))
                {
                    float* group = start + (g * GainAccumulator512.BlockLength);
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0(group);
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0(group + 16);
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0(group + 32);
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0(group + 48);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SumVector256<TOperator, TFilter>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, TFilter filter)
        where TOperator : IFusedBinaryOperator
        where TFilter : IGroupFilter, allows ref struct
    {
        int n = x.Length;
        int w = Vector256<float>.Count;
        if (n < w)
        {
            return SumVector128<TOperator, TFilter>(x, y, filter);
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        nuint i = 0;
        nuint length = (nuint)n;
        nuint width = (nuint)w;
        for (; i + (4 * width) <= length; i += 4 * width)
        {
            if (filter.Skip(i / GroupLength))
            {
                continue;
            }

            a0 += TOperator.Invoke(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i));
            a1 += TOperator.Invoke(Vector256.LoadUnsafe(ref xr, i + width), Vector256.LoadUnsafe(ref yr, i + width));
            a2 += TOperator.Invoke(Vector256.LoadUnsafe(ref xr, i + (2 * width)), Vector256.LoadUnsafe(ref yr, i + (2 * width)));
            a3 += TOperator.Invoke(Vector256.LoadUnsafe(ref xr, i + (3 * width)), Vector256.LoadUnsafe(ref yr, i + (3 * width)));
        }

        for (; i + width <= length; i += width)
        {
            a0 += TOperator.Invoke(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i));
        }

        if (i < length)
        {
            nuint last = length - width;
            Vector256<float> tail = TOperator.Invoke(Vector256.LoadUnsafe(ref xr, last), Vector256.LoadUnsafe(ref yr, last));
            Vector256<int> fresh = Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create((int)(i - last)));
            a1 += tail & fresh.AsSingle();
        }

        return Vector256.Sum((a0 + a1) + (a2 + a3));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SumVector128<TOperator, TFilter>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, TFilter filter)
        where TOperator : IFusedBinaryOperator
        where TFilter : IGroupFilter, allows ref struct
    {
        int n = x.Length;
        int w = Vector128<float>.Count;
        if (n < w)
        {
            return SumScalar<TOperator>(x, y, 0, n);
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        Vector128<float> a0 = Vector128<float>.Zero, a1 = a0;
        nuint i = 0;
        nuint length = (nuint)n;
        nuint width = (nuint)w;
        for (; i + (2 * width) <= length; i += 2 * width)
        {
            if (filter.Skip(i / GroupLength))
            {
                continue;
            }

            a0 += TOperator.Invoke(Vector128.LoadUnsafe(ref xr, i), Vector128.LoadUnsafe(ref yr, i));
            a1 += TOperator.Invoke(Vector128.LoadUnsafe(ref xr, i + width), Vector128.LoadUnsafe(ref yr, i + width));
        }

        for (; i + width <= length; i += width)
        {
            a0 += TOperator.Invoke(Vector128.LoadUnsafe(ref xr, i), Vector128.LoadUnsafe(ref yr, i));
        }

        if (i < length)
        {
            nuint last = length - width;
            Vector128<float> tail = TOperator.Invoke(Vector128.LoadUnsafe(ref xr, last), Vector128.LoadUnsafe(ref yr, last));
            Vector128<int> fresh = Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create((int)(i - last)));
            a1 += tail & fresh.AsSingle();
        }

        return Vector128.Sum(a0 + a1);
    }
}
