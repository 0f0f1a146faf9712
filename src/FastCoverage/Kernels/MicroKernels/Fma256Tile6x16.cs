using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Kernels.MicroKernels;

/// <summary>
/// The AVX2 micro-kernel: a 6×16 accumulator tile (12 ymm registers, two B vectors and one broadcast in
/// the remaining four of the sixteen AVX2 registers), one 256-bit FMA per accumulator per depth step.
/// </summary>
internal sealed unsafe class Fma256Tile6x16 : GramMicroKernel
{
    /// <summary>Whether this processor runs Vector256 arithmetic in hardware.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    /// <inheritdoc/>
    public override string Name => "vector256";

    /// <inheritdoc/>
    public override int Rows => 6;

    /// <inheritdoc/>
    public override int Columns => 16;

    /// <inheritdoc/>
    public override int TileSize => 192;

    /// <inheritdoc/>
    public override int EpilogueWidth => 8;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void MultiplyAdd(float* a, float* b, int depth, float* c, nint cStride, bool accumulate)
    {
        Vector256<float> c0_0, c0_1, c1_0, c1_1, c2_0, c2_1, c3_0, c3_1, c4_0, c4_1, c5_0, c5_1;
        if (accumulate)
        {
            c0_0 = Vector256.Load(c);
            c0_1 = Vector256.Load(c + 8);
            c1_0 = Vector256.Load(c + (cStride * 1));
            c1_1 = Vector256.Load(c + (cStride * 1) + 8);
            c2_0 = Vector256.Load(c + (cStride * 2));
            c2_1 = Vector256.Load(c + (cStride * 2) + 8);
            c3_0 = Vector256.Load(c + (cStride * 3));
            c3_1 = Vector256.Load(c + (cStride * 3) + 8);
            c4_0 = Vector256.Load(c + (cStride * 4));
            c4_1 = Vector256.Load(c + (cStride * 4) + 8);
            c5_0 = Vector256.Load(c + (cStride * 5));
            c5_1 = Vector256.Load(c + (cStride * 5) + 8);
        }
        else
        {
            c0_0 = Vector256<float>.Zero;
            c0_1 = Vector256<float>.Zero;
            c1_0 = Vector256<float>.Zero;
            c1_1 = Vector256<float>.Zero;
            c2_0 = Vector256<float>.Zero;
            c2_1 = Vector256<float>.Zero;
            c3_0 = Vector256<float>.Zero;
            c3_1 = Vector256<float>.Zero;
            c4_0 = Vector256<float>.Zero;
            c4_1 = Vector256<float>.Zero;
            c5_0 = Vector256<float>.Zero;
            c5_1 = Vector256<float>.Zero;
        }

        for (int p = 0; p < depth; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> a0 = Vector256.Create(a[0]);
            c0_0 = Vector256.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector256.FusedMultiplyAdd(a0, b1, c0_1);
            Vector256<float> a1 = Vector256.Create(a[1]);
            c1_0 = Vector256.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Vector256.FusedMultiplyAdd(a1, b1, c1_1);
            Vector256<float> a2 = Vector256.Create(a[2]);
            c2_0 = Vector256.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Vector256.FusedMultiplyAdd(a2, b1, c2_1);
            Vector256<float> a3 = Vector256.Create(a[3]);
            c3_0 = Vector256.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Vector256.FusedMultiplyAdd(a3, b1, c3_1);
            Vector256<float> a4 = Vector256.Create(a[4]);
            c4_0 = Vector256.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Vector256.FusedMultiplyAdd(a4, b1, c4_1);
            Vector256<float> a5 = Vector256.Create(a[5]);
            c5_0 = Vector256.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Vector256.FusedMultiplyAdd(a5, b1, c5_1);
            a += 6;
            b += 16;
        }

        c0_0.Store(c);
        c0_1.Store(c + 8);
        c1_0.Store(c + (cStride * 1));
        c1_1.Store(c + (cStride * 1) + 8);
        c2_0.Store(c + (cStride * 2));
        c2_1.Store(c + (cStride * 2) + 8);
        c3_0.Store(c + (cStride * 3));
        c3_1.Store(c + (cStride * 3) + 8);
        c4_0.Store(c + (cStride * 4));
        c4_1.Store(c + (cStride * 4) + 8);
        c5_0.Store(c + (cStride * 5));
        c5_1.Store(c + (cStride * 5) + 8);
    }
}
