using System.Runtime.CompilerServices;

namespace FastCoverage.Kernels;

/// <summary>
/// The per-row quantity the kernel epilogue needs: ‖x‖² for the squared distance and RBF (Eq. ‖x − y‖² = ‖x‖² + ‖y‖² − 2⟨x, y⟩),
/// ‖x‖ for cosine, nothing for the linear kernel.
/// </summary>
/// <remarks>
/// ‖x‖² is computed by the same sequential fused multiply-add chain as the micro-kernels' dot products, so
/// ⟨x, x⟩ from the micro-kernel equals ‖x‖² bitwise and the squared distance of a row to itself is exactly 0.
/// </remarks>
internal static unsafe class RowStatistics
{
    /// <summary>
    /// Statistics of rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of <paramref name="source"/>,
    /// in an array of <paramref name="paddedLength"/> floats whose tail is zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[] Compute(MatrixView source, int rowStart, int rowEnd, KernelKind kind, int paddedLength)
    {
        var statistics = new float[paddedLength];
        if (kind == KernelKind.Linear)
        {
            return statistics;
        }

        int count = rowEnd - rowStart;
        int i = 0;
        // Four independent chains at a time: the loop is bound by FMA throughput, not latency.
        for (; i + 4 <= count; i += 4)
        {
            float* r0 = source.Row(rowStart + i);
            float* r1 = source.Row(rowStart + i + 1);
            float* r2 = source.Row(rowStart + i + 2);
            float* r3 = source.Row(rowStart + i + 3);
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (int p = 0; p < source.Width; p++)
            {
                s0 = MathF.FusedMultiplyAdd(r0[p], r0[p], s0);
                s1 = MathF.FusedMultiplyAdd(r1[p], r1[p], s1);
                s2 = MathF.FusedMultiplyAdd(r2[p], r2[p], s2);
                s3 = MathF.FusedMultiplyAdd(r3[p], r3[p], s3);
            }

            statistics[i] = s0;
            statistics[i + 1] = s1;
            statistics[i + 2] = s2;
            statistics[i + 3] = s3;
        }

        for (; i < count; i++)
        {
            float* r = source.Row(rowStart + i);
            float s = 0f;
            for (int p = 0; p < source.Width; p++)
            {
                s = MathF.FusedMultiplyAdd(r[p], r[p], s);
            }

            statistics[i] = s;
        }

        if (kind == KernelKind.Cosine)
        {
            for (int j = 0; j < count; j++)
            {
                statistics[j] = MathF.Sqrt(statistics[j]);
            }
        }

        return statistics;
    }
}
