using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastCoverage.Kernels;

/// <summary>Mirrors a finished upper tile of a symmetric K into the lower triangle.</summary>
internal static unsafe class TileStore
{
    /// <summary>Target rows per band of <see cref="WriteTransposedStreaming"/>.</summary>
    private const int BandRows = 8;

    /// <summary>
    /// K[column0 + j, row0 + i] ← K[row0 + i, column0 + j], streamed: eight columns of the tile at a time are
    /// transposed (8×8 AVX register transposes) into an L1 band of <paramref name="scratch"/>, then each of the band's
    /// rows is copied to its row of K with non-temporal stores on the whole 64-byte lines of the destination segment
    /// (<paramref name="vectorWidth"/> 16: 512-bit, 8: two 256-bit stores per line) and ordinary stores on the partial
    /// lines at either end, which neighbouring tiles share; <paramref name="vectorWidth"/> 1 copies with ordinary stores.
    /// <paramref name="scratch"/> holds at least 8 × (⌈rows/16⌉·16 + 16) floats (the Gram's tile buffer, free once the
    /// epilogue has run).
    /// </summary>
    /// <remarks>
    /// The mirrored half of K is written once and not read again by the Gram, so its lines need no read for ownership
    /// and should not displace the tiles being computed. Ends with a store fence: non-temporal stores are weakly
    /// ordered, and the caller's threads must see them once the tile is reported done.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteTransposedStreaming(MatrixView k, int row0, int column0, int rows, int columns, int vectorWidth, float* scratch)
    {
        int width = vectorWidth == 16 && Avx512F.IsSupported ? 16 : vectorWidth >= 8 && Avx.IsSupported ? 8 : 1;
        nint stride = k.Stride;
        int scratchStride = ScratchStride(rows);
        for (int j = 0; j < columns; j += BandRows)
        {
            int bandRows = Math.Min(BandRows, columns - j);
            float* source = k.Row(row0) + column0 + j;
            int i = 0;
            if (bandRows == BandRows && Avx.IsSupported)
            {
                for (; i + 8 <= rows; i += 8)
                {
                    Transpose8x8(source + (i * stride), stride, scratch + i, scratchStride);
                }
            }

            for (; i < rows; i++)
            {
                for (int q = 0; q < bandRows; q++)
                {
                    scratch[(q * scratchStride) + i] = source[(i * stride) + q];
                }
            }

            for (int q = 0; q < bandRows; q++)
            {
                StreamRow(scratch + (q * scratchStride), k.Row(column0 + j + q) + row0, rows, width);
            }
        }

        if (width > 1)
        {
            Sse.StoreFence();
        }
    }

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

    private static int ScratchStride(int tileSize) => ((tileSize + 15) & ~15) + 16;

    /// <summary>target[0..count) ← source[0..count): whole destination lines non-temporal (width 16 or 8), the partial ends ordinary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StreamRow(float* source, float* target, int count, int width)
    {
        int i = 0;
        if (width > 1)
        {
            int head = Math.Min(count, (int)((-(nint)target & 63) / sizeof(float)));
            for (; i < head; i++)
            {
                target[i] = source[i];
            }

            if (width == 16)
            {
                for (; i + 16 <= count; i += 16)
                {
                    Vector512.StoreAlignedNonTemporal(Vector512.Load(source + i), target + i);
                }
            }
            else
            {
                for (; i + 16 <= count; i += 16)
                {
                    Vector256.StoreAlignedNonTemporal(Vector256.Load(source + i), target + i);
                    Vector256.StoreAlignedNonTemporal(Vector256.Load(source + i + 8), target + i + 8);
                }
            }
        }

        for (; i < count; i++)
        {
            target[i] = source[i];
        }
    }

    /// <summary>target[c, r] ← source[r, c] for an 8×8 block (unpack, shuffle, then swap 128-bit lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8x8(float* source, nint sourceStride, float* target, nint targetStride)
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
