using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastCoverage;

/// <summary>
/// Squared Euclidean distance by direct differences accumulated in double: a float difference, and its square, are
/// exact in double, so only the d-term sum rounds and near-ties order as an exact computation would (no
/// ‖x‖² + ‖y‖² − 2⟨x, y⟩ cancellation), which neighbour-based methods need. Every caller (the kNN learner, the kNN
/// utility and kNN-Shapley's <see cref="Valuation.ExactNeighbourOrder"/>) sums in the same lane order, so they get
/// bit-identical distances and therefore the same neighbour order.
/// </summary>
internal static unsafe class PreciseDistance
{
    /// <summary>Σₖ (aₖ − bₖ)² in double; the spans have equal length.</summary>
    public static double SquaredEuclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        {
            var acc = Vector256<double>.Zero;
            int d = a.Length;
            int k = 0;
            for (; k + 4 <= d; k += 4)
            {
                Vector256<double> diff = Widen4(pa + k) - Widen4(pb + k);
                acc = Vector256.FusedMultiplyAdd(diff, diff, acc);
            }

            double tail = 0;
            for (; k < d; k++)
            {
                double diff = (double)pa[k] - pb[k];
                tail += diff * diff;
            }

            return Vector256.Sum(acc) + tail;
        }
    }

    /// <summary>
    /// Σₖ (xₖ − yₖ)² for a query already widened to double; the same value as the float overload gives for the
    /// query before widening.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SquaredEuclidean(double* x, float* y, int d)
    {
        var acc = Vector256<double>.Zero;
        int k = 0;
        for (; k + 4 <= d; k += 4)
        {
            Vector256<double> diff = Vector256.Load(x + k) - Widen4(y + k);
            acc = Vector256.FusedMultiplyAdd(diff, diff, acc);
        }

        double tail = 0;
        for (; k < d; k++)
        {
            double diff = x[k] - y[k];
            tail += diff * diff;
        }

        return Vector256.Sum(acc) + tail;
    }

    /// <summary>Four floats at <paramref name="y"/> widened to double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Widen4(float* y) => Vector256.WidenLower(Vector128.Load(y).ToVector256Unsafe());
}
