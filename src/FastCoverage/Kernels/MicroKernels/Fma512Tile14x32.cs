using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Kernels.MicroKernels;

/// <summary>
/// The AVX-512 micro-kernel: a 14×32 accumulator tile (28 zmm registers, two B vectors and one broadcast
/// in the remaining four), one 512-bit FMA per accumulator per depth step.
/// </summary>
internal sealed unsafe class Fma512Tile14x32 : GramMicroKernel
{
    /// <summary>Whether this processor runs Vector512 arithmetic in hardware.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported;

    /// <inheritdoc/>
    public override string Name => "vector512";

    /// <inheritdoc/>
    public override int Rows => 14;

    /// <inheritdoc/>
    public override int Columns => 32;

    /// <inheritdoc/>
    public override int TileSize => 224;

    /// <inheritdoc/>
    public override int EpilogueWidth => 16;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void MultiplyAdd(float* a, float* b, int depth, float* c, nint cStride, bool accumulate)
    {
        Vector512<float> c0_0, c0_1, c1_0, c1_1, c2_0, c2_1, c3_0, c3_1, c4_0, c4_1, c5_0, c5_1, c6_0, c6_1, c7_0, c7_1, c8_0, c8_1, c9_0, c9_1, c10_0, c10_1, c11_0, c11_1, c12_0, c12_1, c13_0, c13_1;
        if (accumulate)
        {
            c0_0 = Vector512.Load(c);
            c0_1 = Vector512.Load(c + 16);
            c1_0 = Vector512.Load(c + (cStride * 1));
            c1_1 = Vector512.Load(c + (cStride * 1) + 16);
            c2_0 = Vector512.Load(c + (cStride * 2));
            c2_1 = Vector512.Load(c + (cStride * 2) + 16);
            c3_0 = Vector512.Load(c + (cStride * 3));
            c3_1 = Vector512.Load(c + (cStride * 3) + 16);
            c4_0 = Vector512.Load(c + (cStride * 4));
            c4_1 = Vector512.Load(c + (cStride * 4) + 16);
            c5_0 = Vector512.Load(c + (cStride * 5));
            c5_1 = Vector512.Load(c + (cStride * 5) + 16);
            c6_0 = Vector512.Load(c + (cStride * 6));
            c6_1 = Vector512.Load(c + (cStride * 6) + 16);
            c7_0 = Vector512.Load(c + (cStride * 7));
            c7_1 = Vector512.Load(c + (cStride * 7) + 16);
            c8_0 = Vector512.Load(c + (cStride * 8));
            c8_1 = Vector512.Load(c + (cStride * 8) + 16);
            c9_0 = Vector512.Load(c + (cStride * 9));
            c9_1 = Vector512.Load(c + (cStride * 9) + 16);
            c10_0 = Vector512.Load(c + (cStride * 10));
            c10_1 = Vector512.Load(c + (cStride * 10) + 16);
            c11_0 = Vector512.Load(c + (cStride * 11));
            c11_1 = Vector512.Load(c + (cStride * 11) + 16);
            c12_0 = Vector512.Load(c + (cStride * 12));
            c12_1 = Vector512.Load(c + (cStride * 12) + 16);
            c13_0 = Vector512.Load(c + (cStride * 13));
            c13_1 = Vector512.Load(c + (cStride * 13) + 16);
        }
        else
        {
            c0_0 = Vector512<float>.Zero;
            c0_1 = Vector512<float>.Zero;
            c1_0 = Vector512<float>.Zero;
            c1_1 = Vector512<float>.Zero;
            c2_0 = Vector512<float>.Zero;
            c2_1 = Vector512<float>.Zero;
            c3_0 = Vector512<float>.Zero;
            c3_1 = Vector512<float>.Zero;
            c4_0 = Vector512<float>.Zero;
            c4_1 = Vector512<float>.Zero;
            c5_0 = Vector512<float>.Zero;
            c5_1 = Vector512<float>.Zero;
            c6_0 = Vector512<float>.Zero;
            c6_1 = Vector512<float>.Zero;
            c7_0 = Vector512<float>.Zero;
            c7_1 = Vector512<float>.Zero;
            c8_0 = Vector512<float>.Zero;
            c8_1 = Vector512<float>.Zero;
            c9_0 = Vector512<float>.Zero;
            c9_1 = Vector512<float>.Zero;
            c10_0 = Vector512<float>.Zero;
            c10_1 = Vector512<float>.Zero;
            c11_0 = Vector512<float>.Zero;
            c11_1 = Vector512<float>.Zero;
            c12_0 = Vector512<float>.Zero;
            c12_1 = Vector512<float>.Zero;
            c13_0 = Vector512<float>.Zero;
            c13_1 = Vector512<float>.Zero;
        }

        for (int p = 0; p < depth; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> a0 = Vector512.Create(a[0]);
            c0_0 = Vector512.FusedMultiplyAdd(a0, b0, c0_0);
            c0_1 = Vector512.FusedMultiplyAdd(a0, b1, c0_1);
            Vector512<float> a1 = Vector512.Create(a[1]);
            c1_0 = Vector512.FusedMultiplyAdd(a1, b0, c1_0);
            c1_1 = Vector512.FusedMultiplyAdd(a1, b1, c1_1);
            Vector512<float> a2 = Vector512.Create(a[2]);
            c2_0 = Vector512.FusedMultiplyAdd(a2, b0, c2_0);
            c2_1 = Vector512.FusedMultiplyAdd(a2, b1, c2_1);
            Vector512<float> a3 = Vector512.Create(a[3]);
            c3_0 = Vector512.FusedMultiplyAdd(a3, b0, c3_0);
            c3_1 = Vector512.FusedMultiplyAdd(a3, b1, c3_1);
            Vector512<float> a4 = Vector512.Create(a[4]);
            c4_0 = Vector512.FusedMultiplyAdd(a4, b0, c4_0);
            c4_1 = Vector512.FusedMultiplyAdd(a4, b1, c4_1);
            Vector512<float> a5 = Vector512.Create(a[5]);
            c5_0 = Vector512.FusedMultiplyAdd(a5, b0, c5_0);
            c5_1 = Vector512.FusedMultiplyAdd(a5, b1, c5_1);
            Vector512<float> a6 = Vector512.Create(a[6]);
            c6_0 = Vector512.FusedMultiplyAdd(a6, b0, c6_0);
            c6_1 = Vector512.FusedMultiplyAdd(a6, b1, c6_1);
            Vector512<float> a7 = Vector512.Create(a[7]);
            c7_0 = Vector512.FusedMultiplyAdd(a7, b0, c7_0);
            c7_1 = Vector512.FusedMultiplyAdd(a7, b1, c7_1);
            Vector512<float> a8 = Vector512.Create(a[8]);
            c8_0 = Vector512.FusedMultiplyAdd(a8, b0, c8_0);
            c8_1 = Vector512.FusedMultiplyAdd(a8, b1, c8_1);
            Vector512<float> a9 = Vector512.Create(a[9]);
            c9_0 = Vector512.FusedMultiplyAdd(a9, b0, c9_0);
            c9_1 = Vector512.FusedMultiplyAdd(a9, b1, c9_1);
            Vector512<float> a10 = Vector512.Create(a[10]);
            c10_0 = Vector512.FusedMultiplyAdd(a10, b0, c10_0);
            c10_1 = Vector512.FusedMultiplyAdd(a10, b1, c10_1);
            Vector512<float> a11 = Vector512.Create(a[11]);
            c11_0 = Vector512.FusedMultiplyAdd(a11, b0, c11_0);
            c11_1 = Vector512.FusedMultiplyAdd(a11, b1, c11_1);
            Vector512<float> a12 = Vector512.Create(a[12]);
            c12_0 = Vector512.FusedMultiplyAdd(a12, b0, c12_0);
            c12_1 = Vector512.FusedMultiplyAdd(a12, b1, c12_1);
            Vector512<float> a13 = Vector512.Create(a[13]);
            c13_0 = Vector512.FusedMultiplyAdd(a13, b0, c13_0);
            c13_1 = Vector512.FusedMultiplyAdd(a13, b1, c13_1);
            a += 14;
            b += 32;
        }

        c0_0.Store(c);
        c0_1.Store(c + 16);
        c1_0.Store(c + (cStride * 1));
        c1_1.Store(c + (cStride * 1) + 16);
        c2_0.Store(c + (cStride * 2));
        c2_1.Store(c + (cStride * 2) + 16);
        c3_0.Store(c + (cStride * 3));
        c3_1.Store(c + (cStride * 3) + 16);
        c4_0.Store(c + (cStride * 4));
        c4_1.Store(c + (cStride * 4) + 16);
        c5_0.Store(c + (cStride * 5));
        c5_1.Store(c + (cStride * 5) + 16);
        c6_0.Store(c + (cStride * 6));
        c6_1.Store(c + (cStride * 6) + 16);
        c7_0.Store(c + (cStride * 7));
        c7_1.Store(c + (cStride * 7) + 16);
        c8_0.Store(c + (cStride * 8));
        c8_1.Store(c + (cStride * 8) + 16);
        c9_0.Store(c + (cStride * 9));
        c9_1.Store(c + (cStride * 9) + 16);
        c10_0.Store(c + (cStride * 10));
        c10_1.Store(c + (cStride * 10) + 16);
        c11_0.Store(c + (cStride * 11));
        c11_1.Store(c + (cStride * 11) + 16);
        c12_0.Store(c + (cStride * 12));
        c12_1.Store(c + (cStride * 12) + 16);
        c13_0.Store(c + (cStride * 13));
        c13_1.Store(c + (cStride * 13) + 16);
    }
}
