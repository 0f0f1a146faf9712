using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>
/// ‖a − b‖² by direct differences: every term (aᵢ − bᵢ)² is nonnegative, so the float32 sum has a small
/// relative error (at most about (d + 2)·2⁻²⁴ of the result) with no cancellation — unlike ‖a‖² + ‖b‖² − 2⟨a, b⟩,
/// whose absolute error scales with the norms. k-center's pruning test relies on that relative bound.
/// </summary>
internal static unsafe class SquaredDistance
{
    /// <summary>Relative error bound δ of <see cref="Compute"/> for dimension <paramref name="dimension"/>.</summary>
    public static float RelativeErrorBound(int dimension) => (dimension + 4) * 1.2e-7f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Compute(float* a, float* b, int dimension)
    {
        int j = 0;
        float sum = 0f;
        if (Vector512.IsHardwareAccelerated && dimension >= Vector512<float>.Count)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (; j <= dimension - Vector512<float>.Count; j += Vector512<float>.Count)
            {
                Vector512<float> diff = Vector512.Load(a + j) - Vector512.Load(b + j);
                acc = Vector512.FusedMultiplyAdd(diff, diff, acc);
            }

            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && dimension >= Vector256<float>.Count)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (; j <= dimension - Vector256<float>.Count; j += Vector256<float>.Count)
            {
                Vector256<float> diff = Vector256.Load(a + j) - Vector256.Load(b + j);
                acc = Vector256.FusedMultiplyAdd(diff, diff, acc);
            }

            sum = Vector256.Sum(acc);
        }

        for (; j < dimension; j++)
        {
            float diff = a[j] - b[j];
            sum = MathF.FusedMultiplyAdd(diff, diff, sum);
        }

        return sum;
    }
}
