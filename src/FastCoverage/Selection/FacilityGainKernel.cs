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
internal static class FacilityGainKernel
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

    /// <summary>The length of the groups <see cref="SumSkippingCovered"/> skips: one unrolled step of the Vector512 path (4 × 16).</summary>
    public const int GroupLength = 64;

    /// <summary>
    /// The same value as <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float}, GainKernelPath)"/> on the Vector512 path, but
    /// full groups of <see cref="GroupLength"/> entries whose largest similarity is ≤ the smallest coverage are not read:
    /// every term there is max(s − cur, 0) = +0, and adding +0 to the (nonnegative) accumulators changes no bit. Each
    /// skipped group is exactly one step of the unrolled loop, so the accumulators see the very same sequence of sums.
    /// </summary>
    /// <param name="similarity">The candidate's similarities.</param>
    /// <param name="coverage">The coverage.</param>
    /// <param name="similarityGroupMaxima">max of <paramref name="similarity"/> over each full group.</param>
    /// <param name="coverageGroupMinima">min of <paramref name="coverage"/> over each full group.</param>
    public static float SumSkippingCovered(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage, ReadOnlySpan<float> similarityGroupMaxima, ReadOnlySpan<float> coverageGroupMinima)
    {
        int n = similarity.Length;
        int groups = n / GroupLength;
        if (coverage.Length != n || similarityGroupMaxima.Length != groups || coverageGroupMinima.Length != groups)
        {
            throw new ArgumentException($"Lengths {n}, {coverage.Length}, {similarityGroupMaxima.Length}, {coverageGroupMinima.Length} do not match {groups} groups.", nameof(coverage));
        }

        if (groups == 0)
        {
            return SumVector512<PositivePartOfDifference>(similarity, coverage);
        }

        ref float xr = ref MemoryMarshal.GetReference(similarity);
        ref float yr = ref MemoryMarshal.GetReference(coverage);
        Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        nuint width = (nuint)Vector512<float>.Count;
        for (int g = 0; g < groups; g++)
        {
            if (similarityGroupMaxima[g] <= coverageGroupMinima[g])
            {
                continue;
            }

            nuint i = (nuint)(g * GroupLength);
            a0 += PositivePartOfDifference.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i));
            a1 += PositivePartOfDifference.Invoke(Vector512.LoadUnsafe(ref xr, i + width), Vector512.LoadUnsafe(ref yr, i + width));
            a2 += PositivePartOfDifference.Invoke(Vector512.LoadUnsafe(ref xr, i + (2 * width)), Vector512.LoadUnsafe(ref yr, i + (2 * width)));
            a3 += PositivePartOfDifference.Invoke(Vector512.LoadUnsafe(ref xr, i + (3 * width)), Vector512.LoadUnsafe(ref yr, i + (3 * width)));
        }

        nuint j = (nuint)(groups * GroupLength);
        nuint length = (nuint)n;
        for (; j + width <= length; j += width)
        {
            a0 += PositivePartOfDifference.Invoke(Vector512.LoadUnsafe(ref xr, j), Vector512.LoadUnsafe(ref yr, j));
        }

        if (j < length)
        {
            nuint last = length - width;
            Vector512<float> tail = PositivePartOfDifference.Invoke(Vector512.LoadUnsafe(ref xr, last), Vector512.LoadUnsafe(ref yr, last));
            Vector512<int> fresh = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(j - last)));
            a1 += tail & fresh.AsSingle();
        }

        return Vector512.Sum((a0 + a1) + (a2 + a3));
    }

    /// <summary>
    /// Writes the maximum of each full group of <see cref="GroupLength"/> entries into <paramref name="groupMaxima"/> and
    /// returns the minimum of all entries (NaN if any entry is NaN), in one pass.
    /// </summary>
    public static float GroupMaximaAndMinimum(ReadOnlySpan<float> values, Span<float> groupMaxima)
    {
        int groups = values.Length / GroupLength;
        if (groupMaxima.Length != groups)
        {
            throw new ArgumentException($"{groupMaxima.Length} group maxima for {groups} groups.", nameof(groupMaxima));
        }

        float min = float.PositiveInfinity;
        for (int g = 0; g < groups; g++)
        {
            ReadOnlySpan<float> group = values.Slice(g * GroupLength, GroupLength);
            Vector512<float> v0 = Vector512.Create(group), v1 = Vector512.Create(group[16..]), v2 = Vector512.Create(group[32..]), v3 = Vector512.Create(group[48..]);
            groupMaxima[g] = HorizontalMax(Vector512.Max(Vector512.Max(v0, v1), Vector512.Max(v2, v3)));
            min = MathF.Min(min, HorizontalMin(Vector512.Min(Vector512.Min(v0, v1), Vector512.Min(v2, v3))));
        }

        return groups * GroupLength < values.Length ? MathF.Min(min, System.Numerics.Tensors.TensorPrimitives.Min(values[(groups * GroupLength)..])) : min;
    }

    private static float HorizontalMax(Vector512<float> v)
    {
        Vector128<float> m = Vector128.Max(Vector128.Max(v.GetLower().GetLower(), v.GetLower().GetUpper()), Vector128.Max(v.GetUpper().GetLower(), v.GetUpper().GetUpper()));
        return MathF.Max(MathF.Max(m[0], m[1]), MathF.Max(m[2], m[3]));
    }

    private static float HorizontalMin(Vector512<float> v)
    {
        Vector128<float> m = Vector128.Min(Vector128.Min(v.GetLower().GetLower(), v.GetLower().GetUpper()), Vector128.Min(v.GetUpper().GetLower(), v.GetUpper().GetUpper()));
        return MathF.Min(MathF.Min(m[0], m[1]), MathF.Min(m[2], m[3]));
    }

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

    private static float SumVector512<TOperator>(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        where TOperator : IFusedBinaryOperator
    {
        int n = x.Length;
        int w = Vector512<float>.Count;
        if (n < w)
        {
            return SumVector256<TOperator>(x, y);
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
        nuint i = 0;
        nuint length = (nuint)n;
        nuint width = (nuint)w;
        for (; i + (4 * width) <= length; i += 4 * width)
        {
            a0 += TOperator.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i));
            a1 += TOperator.Invoke(Vector512.LoadUnsafe(ref xr, i + width), Vector512.LoadUnsafe(ref yr, i + width));
            a2 += TOperator.Invoke(Vector512.LoadUnsafe(ref xr, i + (2 * width)), Vector512.LoadUnsafe(ref yr, i + (2 * width)));
            a3 += TOperator.Invoke(Vector512.LoadUnsafe(ref xr, i + (3 * width)), Vector512.LoadUnsafe(ref yr, i + (3 * width)));
        }

        for (; i + width <= length; i += width)
        {
            a0 += TOperator.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i));
        }

        if (i < length)
        {
            // One overlapping last vector; the lanes that the loop already counted are masked to zero.
            nuint last = length - width;
            Vector512<float> tail = TOperator.Invoke(Vector512.LoadUnsafe(ref xr, last), Vector512.LoadUnsafe(ref yr, last));
            Vector512<int> fresh = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last)));
            a1 += tail & fresh.AsSingle();
        }

        return Vector512.Sum((a0 + a1) + (a2 + a3));
    }

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
