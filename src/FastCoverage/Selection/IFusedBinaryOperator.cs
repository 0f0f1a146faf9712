using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>
/// An elementwise binary operator f(x, y) with scalar and vector forms, so that one generic driver
/// (<see cref="FacilityGainKernel"/>) specializes it per width with no virtual calls (the TensorPrimitives pattern).
/// </summary>
internal interface IFusedBinaryOperator
{
    static abstract float Invoke(float x, float y);

    static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y);

    static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

    static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}

/// <summary>max(x − y, 0): the facility-location gain term max(sᵢⱼ − curᵢ, 0).</summary>
/// <remarks>
/// The vector forms use the native max (one instruction, no NaN/signed-zero fix-ups): with +0 as the second operand it
/// equals the IEEE maximum for every non-NaN difference, and similarities are validated finite.
/// </remarks>
internal readonly struct PositivePartOfDifference : IFusedBinaryOperator
{
    public static float Invoke(float x, float y) => MathF.Max(x - y, 0f);

    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.MaxNative(x - y, Vector128<float>.Zero);

    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.MaxNative(x - y, Vector256<float>.Zero);

    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.MaxNative(x - y, Vector512<float>.Zero);
}
