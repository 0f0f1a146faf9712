using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Kernels;

/// <summary>
/// Turns a row of dot products ⟨xᵢ, yⱼ⟩ into kernel values while the tile is still in cache:
/// squared distance max(0, ‖xᵢ‖² + ‖yⱼ‖² − 2⟨xᵢ, yⱼ⟩), RBF exp(−γ·that), cosine ⟨xᵢ, yⱼ⟩ / (‖xᵢ‖‖yⱼ‖) clamped to [−1, 1]
/// (0 when a norm is 0); the linear kernel is the dot product itself.
/// </summary>
/// <remarks>
/// The 16-, 8- and 1-wide paths apply the same IEEE operations in the same order to each entry (fma, compare-select,
/// multiply, divide, <see cref="ExpNonPositive"/>), so they agree bitwise and no entry's value depends on its position.
/// </remarks>
internal static unsafe class GramEpilogue
{
    /// <summary>Rewrites <paramref name="row"/>[0..length) in place.</summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="gamma">γ for RBF.</param>
    /// <param name="width">The SIMD width to use: 16, 8 or 1.</param>
    /// <param name="xStatistic">‖xᵢ‖² (distances) or ‖xᵢ‖ (cosine).</param>
    /// <param name="yStatistics">‖yⱼ‖² or ‖yⱼ‖ for the row's columns.</param>
    /// <param name="row">The dot products.</param>
    /// <param name="length">Number of entries.</param>
    /// <remarks>
    /// The epilogues are compiled fully optimized at once, like the micro-kernels that call them: a process's first Gram
    /// would otherwise run them unoptimized (the exponential then is a call per vector).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(KernelKind kind, float gamma, int width, float xStatistic, float* yStatistics, float* row, int length)
    {
        switch (kind)
        {
            case KernelKind.Linear:
                return;
            case KernelKind.Cosine:
                Cosine(width, xStatistic, yStatistics, row, length);
                return;
            case KernelKind.SquaredEuclidean:
                SquaredDistance(width, 1f, xStatistic, yStatistics, row, length);
                return;
            default:
                Rbf(width, -gamma, xStatistic, yStatistics, row, length);
                return;
        }
    }

    /// <summary>row[j] ← max(0, fma(−2, row[j], x + y[j])) · scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SquaredDistance(int width, float scale, float x, float* y, float* row, int length)
    {
        int j = 0;
        if (width == 16)
        {
            Vector512<float> vx = Vector512.Create(x), vs = Vector512.Create(scale), minusTwo = Vector512.Create(-2f);
            for (; j + 16 <= length; j += 16)
            {
                Vector512<float> d = Vector512.FusedMultiplyAdd(minusTwo, Vector512.Load(row + j), vx + Vector512.Load(y + j));
                d = Vector512.ConditionalSelect(Vector512.GreaterThan(d, Vector512<float>.Zero), d, Vector512<float>.Zero);
                (d * vs).Store(row + j);
            }
        }
        else if (width == 8)
        {
            Vector256<float> vx = Vector256.Create(x), vs = Vector256.Create(scale), minusTwo = Vector256.Create(-2f);
            for (; j + 8 <= length; j += 8)
            {
                Vector256<float> d = Vector256.FusedMultiplyAdd(minusTwo, Vector256.Load(row + j), vx + Vector256.Load(y + j));
                d = Vector256.ConditionalSelect(Vector256.GreaterThan(d, Vector256<float>.Zero), d, Vector256<float>.Zero);
                (d * vs).Store(row + j);
            }
        }

        for (; j < length; j++)
        {
            float d = MathF.FusedMultiplyAdd(-2f, row[j], x + y[j]);
            row[j] = (d > 0f ? d : 0f) * scale;
        }
    }

    /// <summary>row[j] ← exp(max(0, fma(−2, row[j], x + y[j])) · minusGamma), in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rbf(int width, float minusGamma, float x, float* y, float* row, int length)
    {
        int j = 0;
        if (width == 16)
        {
            Vector512<float> vx = Vector512.Create(x), vg = Vector512.Create(minusGamma), minusTwo = Vector512.Create(-2f);
            for (; j + 16 <= length; j += 16)
            {
                Vector512<float> d = Vector512.FusedMultiplyAdd(minusTwo, Vector512.Load(row + j), vx + Vector512.Load(y + j));
                d = Vector512.ConditionalSelect(Vector512.GreaterThan(d, Vector512<float>.Zero), d, Vector512<float>.Zero);
                ExpNonPositive.Exp(d * vg).Store(row + j);
            }
        }
        else if (width == 8)
        {
            Vector256<float> vx = Vector256.Create(x), vg = Vector256.Create(minusGamma), minusTwo = Vector256.Create(-2f);
            for (; j + 8 <= length; j += 8)
            {
                Vector256<float> d = Vector256.FusedMultiplyAdd(minusTwo, Vector256.Load(row + j), vx + Vector256.Load(y + j));
                d = Vector256.ConditionalSelect(Vector256.GreaterThan(d, Vector256<float>.Zero), d, Vector256<float>.Zero);
                ExpNonPositive.Exp(d * vg).Store(row + j);
            }
        }

        for (; j < length; j++)
        {
            float d = MathF.FusedMultiplyAdd(-2f, row[j], x + y[j]);
            row[j] = ExpNonPositive.Exp((d > 0f ? d : 0f) * minusGamma);
        }
    }

    /// <summary>row[j] ← x·y[j] &gt; 0 ? clamp(row[j] / (x·y[j]), −1, 1) : 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Cosine(int width, float x, float* y, float* row, int length)
    {
        int j = 0;
        if (width == 16)
        {
            Vector512<float> vx = Vector512.Create(x), one = Vector512<float>.One, minusOne = -Vector512<float>.One;
            for (; j + 16 <= length; j += 16)
            {
                Vector512<float> denominator = vx * Vector512.Load(y + j);
                Vector512<float> q = Vector512.Load(row + j) / denominator;
                q = Vector512.ConditionalSelect(Vector512.GreaterThan(q, one), one, q);
                q = Vector512.ConditionalSelect(Vector512.LessThan(q, minusOne), minusOne, q);
                Vector512.ConditionalSelect(Vector512.GreaterThan(denominator, Vector512<float>.Zero), q, Vector512<float>.Zero).Store(row + j);
            }
        }
        else if (width == 8)
        {
            Vector256<float> vx = Vector256.Create(x), one = Vector256<float>.One, minusOne = -Vector256<float>.One;
            for (; j + 8 <= length; j += 8)
            {
                Vector256<float> denominator = vx * Vector256.Load(y + j);
                Vector256<float> q = Vector256.Load(row + j) / denominator;
                q = Vector256.ConditionalSelect(Vector256.GreaterThan(q, one), one, q);
                q = Vector256.ConditionalSelect(Vector256.LessThan(q, minusOne), minusOne, q);
                Vector256.ConditionalSelect(Vector256.GreaterThan(denominator, Vector256<float>.Zero), q, Vector256<float>.Zero).Store(row + j);
            }
        }

        for (; j < length; j++)
        {
            float denominator = x * y[j];
            float q = row[j] / denominator;
            q = q > 1f ? 1f : q;
            q = q < -1f ? -1f : q;
            row[j] = denominator > 0f ? q : 0f;
        }
    }
}
