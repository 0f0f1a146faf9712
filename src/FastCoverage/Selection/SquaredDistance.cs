using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>
/// ‖a − b‖² by direct differences: every term (aᵢ − bᵢ)² is nonnegative, so the float32 sum has a small
/// relative error (at most about (d + 4)·2⁻²³ of the result) with no cancellation — unlike ‖a‖² + ‖b‖² − 2⟨a, b⟩,
/// whose absolute error scales with the norms. k-center's skip test relies on that relative bound.
/// </summary>
/// <remarks>
/// <see cref="Compute"/> takes the widest accelerated path (Vector512, then Vector256, then scalar); each path is
/// also callable on its own so that tests run every one of them on any machine.
/// </remarks>
internal static unsafe class SquaredDistance
{
    /// <summary>Relative error bound δ of every path for dimension <paramref name="dimension"/>.</summary>
    public static float RelativeErrorBound(int dimension) => (dimension + 4) * 1.2e-7f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Compute(float* a, float* b, int dimension)
    {
        if (Vector512.IsHardwareAccelerated && dimension >= Vector512<float>.Count)
        {
            return ComputeVector512(a, b, dimension);
        }

        if (Vector256.IsHardwareAccelerated && dimension >= Vector256<float>.Count)
        {
            return ComputeVector256(a, b, dimension);
        }

        return ComputeScalar(a, b, 0, dimension, 0f);
    }

    /// <summary>16 lanes of fused multiply-adds, then the scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ComputeVector512(float* a, float* b, int dimension)
    {
        Vector512<float> acc = Vector512<float>.Zero;
        int j = 0;
        for (; j <= dimension - Vector512<float>.Count; j += Vector512<float>.Count)
        {
            Vector512<float> diff = Vector512.Load(a + j) - Vector512.Load(b + j);
            acc = Vector512.FusedMultiplyAdd(diff, diff, acc);
        }

        return ComputeScalar(a, b, j, dimension, Vector512.Sum(acc));
    }

    /// <summary>8 lanes of fused multiply-adds, then the scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ComputeVector256(float* a, float* b, int dimension)
    {
        Vector256<float> acc = Vector256<float>.Zero;
        int j = 0;
        for (; j <= dimension - Vector256<float>.Count; j += Vector256<float>.Count)
        {
            Vector256<float> diff = Vector256.Load(a + j) - Vector256.Load(b + j);
            acc = Vector256.FusedMultiplyAdd(diff, diff, acc);
        }

        return ComputeScalar(a, b, j, dimension, Vector256.Sum(acc));
    }

    /// <summary>Adds (aⱼ − bⱼ)² for j in [start, dimension) to <paramref name="sum"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ComputeScalar(float* a, float* b, int start, int dimension, float sum)
    {
        for (int j = start; j < dimension; j++)
        {
            float diff = a[j] - b[j];
            sum = MathF.FusedMultiplyAdd(diff, diff, sum);
        }

        return sum;
    }
}
