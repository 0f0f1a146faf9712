using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastCoverage.Kernels;

/// <summary>Mirrors a finished upper tile of a symmetric K into the lower triangle.</summary>
internal static unsafe class TileStore
{
    /// <summary>K[column0 + j, row0 + i] ← K[row0 + i, column0 + j]: 8×8 AVX register transposes, scalar at the ragged edges.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteTransposed(MatrixView k, int row0, int column0, int rows, int columns)
    {
        nint stride = k.Stride;
        int rows8 = Avx.IsSupported ? rows & ~7 : 0;
        int columns8 = Avx.IsSupported ? columns & ~7 : 0;
        // Target rows outermost: each run of the inner loop fills eight rows of K left to right, whole cache lines at
        // a time, instead of scattering half lines across the triangle.
        for (int j = 0; j < columns8; j += 8)
        {
            float* target = k.Row(column0 + j) + row0;
            for (int i = 0; i < rows8; i += 8)
            {
                Transpose8x8(k.Row(row0 + i) + column0 + j, stride, target + i, stride);
            }
        }

        for (int i = 0; i < rows; i++)
        {
            float* source = k.Row(row0 + i) + column0;
            for (int j = i < rows8 ? columns8 : 0; j < columns; j++)
            {
                k.Row(column0 + j)[row0 + i] = source[j];
            }
        }
    }

    /// <summary>target[c, r] ← source[r, c] for an 8×8 block (unpack, shuffle, then swap 128-bit lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* source, nint sourceStride, float* target, nint targetStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(source);
        Vector256<float> r1 = Avx.LoadVector256(source + sourceStride);
        Vector256<float> r2 = Avx.LoadVector256(source + (2 * sourceStride));
        Vector256<float> r3 = Avx.LoadVector256(source + (3 * sourceStride));
        Vector256<float> r4 = Avx.LoadVector256(source + (4 * sourceStride));
        Vector256<float> r5 = Avx.LoadVector256(source + (5 * sourceStride));
        Vector256<float> r6 = Avx.LoadVector256(source + (6 * sourceStride));
        Vector256<float> r7 = Avx.LoadVector256(source + (7 * sourceStride));
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(target, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(target + targetStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(target + (2 * targetStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(target + (3 * targetStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(target + (4 * targetStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(target + (5 * targetStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(target + (6 * targetStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(target + (7 * targetStride), Avx.Permute2x128(s3, s7, 0x31));
    }
}
