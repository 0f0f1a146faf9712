using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>16 lanes of fused multiply-adds, summed in the fixed tree of <see cref="Quarter"/>, then the scalar tail.</summary>
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

        Vector128<float> quarter = Quarter(acc);
        float sum = (quarter.GetElement(0) + quarter.GetElement(1)) + (quarter.GetElement(2) + quarter.GetElement(3));
        return ComputeScalar(a, b, j, dimension, sum);
    }

    /// <summary>
    /// ‖rᵤ − c‖² for four rows at once, written to <paramref name="result"/>[0..3]: each value is bit-identical to
    /// <see cref="Compute"/>(rᵤ, c) (same lanes, same summation tree, same tail), with four independent accumulators
    /// and one shared horizontal step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ComputeFour(float* r0, float* r1, float* r2, float* r3, float* c, int dimension, float* result)
    {
        if (!Vector512.IsHardwareAccelerated || !Sse3.IsSupported || dimension < Vector512<float>.Count)
        {
            result[0] = Compute(r0, c, dimension);
            result[1] = Compute(r1, c, dimension);
            result[2] = Compute(r2, c, dimension);
            result[3] = Compute(r3, c, dimension);
            return;
        }

        Vector512<float> acc0 = Vector512<float>.Zero;
        Vector512<float> acc1 = Vector512<float>.Zero;
        Vector512<float> acc2 = Vector512<float>.Zero;
        Vector512<float> acc3 = Vector512<float>.Zero;
        int j = 0;
        for (; j <= dimension - Vector512<float>.Count; j += Vector512<float>.Count)
        {
            Vector512<float> center = Vector512.Load(c + j);
            Vector512<float> d0 = Vector512.Load(r0 + j) - center;
            Vector512<float> d1 = Vector512.Load(r1 + j) - center;
            Vector512<float> d2 = Vector512.Load(r2 + j) - center;
            Vector512<float> d3 = Vector512.Load(r3 + j) - center;
            acc0 = Vector512.FusedMultiplyAdd(d0, d0, acc0);
            acc1 = Vector512.FusedMultiplyAdd(d1, d1, acc1);
            acc2 = Vector512.FusedMultiplyAdd(d2, d2, acc2);
            acc3 = Vector512.FusedMultiplyAdd(d3, d3, acc3);
        }

        // haddps twice: lane u of the result is (q0 + q1) + (q2 + q3) of row u's quarter, as in ComputeVector512.
        Vector128<float> sums = Sse3.HorizontalAdd(
            Sse3.HorizontalAdd(Quarter(acc0), Quarter(acc1)),
            Sse3.HorizontalAdd(Quarter(acc2), Quarter(acc3)));
        result[0] = ComputeScalar(r0, c, j, dimension, sums.GetElement(0));
        result[1] = ComputeScalar(r1, c, j, dimension, sums.GetElement(1));
        result[2] = ComputeScalar(r2, c, j, dimension, sums.GetElement(2));
        result[3] = ComputeScalar(r3, c, j, dimension, sums.GetElement(3));
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

    /// <summary>The 16 lanes folded to 4: lane i + lane i + 8, then lane i + lane i + 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Quarter(Vector512<float> acc)
    {
        Vector256<float> half = acc.GetLower() + acc.GetUpper();
        return half.GetLower() + half.GetUpper();
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
