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
            GainKernelPath.Vector512 => SumVector512<PositivePartOfDifference>(similarity, coverage),
            GainKernelPath.Vector256 => SumVector256<PositivePartOfDifference>(similarity, coverage),
            GainKernelPath.Vector128 => SumVector128<PositivePartOfDifference>(similarity, coverage),
            _ => SumScalar<PositivePartOfDifference>(similarity, coverage, 0, similarity.Length),
        };
    }

    /// <summary>
    /// Σᵢ max(similarityᵢ − coverageᵢ, 0) in the Vector512 path's order whatever the active path (software vectors where
    /// 512-bit ones are not accelerated): the order the streamed similarity source reproduces piece by piece.
    /// </summary>
    internal static float SumInVector512Order(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage) =>
        SumVector512<PositivePartOfDifference>(similarity, coverage);

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
    private static float SumVector512<TOperator>(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        where TOperator : IFusedBinaryOperator
    {
        if (x.Length < Vector512<float>.Count)
        {
            return SumVector256<TOperator>(x, y);
        }

        var sum = default(GainAccumulator512);
        int blocks = x.Length & ~(GainAccumulator512.BlockLength - 1);
        sum.AddBlocks<TOperator>(x[..blocks], y[..blocks]);
        return sum.Finish<TOperator>(x, y, blocks);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SumVector256<TOperator>(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        where TOperator : IFusedBinaryOperator
    {
        int n = x.Length;
        int w = Vector256<float>.Count;
        if (n < w)
        {
            return SumVector128<TOperator>(x, y);
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        nuint i = 0;
        nuint length = (nuint)n;
        nuint width = (nuint)w;
        for (; i + (4 * width) <= length; i += 4 * width)
        {
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
    private static float SumVector128<TOperator>(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        where TOperator : IFusedBinaryOperator
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
