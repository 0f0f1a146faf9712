namespace FastCoverage.Kernels.MicroKernels;

/// <summary>
/// The portable micro-kernel: a 4×4 tile of scalar accumulators updated with <see cref="MathF.FusedMultiplyAdd"/>,
/// so that it computes the same fused chain as the SIMD kernels on any processor.
/// </summary>
internal sealed unsafe class ScalarFmaTile4x4 : GramMicroKernel
{
    /// <inheritdoc/>
    public override string Name => "scalar";

    /// <inheritdoc/>
    public override int Rows => 4;

    /// <inheritdoc/>
    public override int Columns => 4;

    /// <inheritdoc/>
    public override int TileSize => 128;

    /// <inheritdoc/>
    public override int EpilogueWidth => 1;

    /// <inheritdoc/>
    public override void MultiplyAdd(float* a, float* b, int depth, float* c, nint cStride, bool accumulate)
    {
        float c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        if (accumulate)
        {
            c00 = c[(cStride * 0) + 0];
            c01 = c[(cStride * 0) + 1];
            c02 = c[(cStride * 0) + 2];
            c03 = c[(cStride * 0) + 3];
            c10 = c[(cStride * 1) + 0];
            c11 = c[(cStride * 1) + 1];
            c12 = c[(cStride * 1) + 2];
            c13 = c[(cStride * 1) + 3];
            c20 = c[(cStride * 2) + 0];
            c21 = c[(cStride * 2) + 1];
            c22 = c[(cStride * 2) + 2];
            c23 = c[(cStride * 2) + 3];
            c30 = c[(cStride * 3) + 0];
            c31 = c[(cStride * 3) + 1];
            c32 = c[(cStride * 3) + 2];
            c33 = c[(cStride * 3) + 3];
        }
        else
        {
            c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = 0f;
        }

        for (int p = 0; p < depth; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            float a0 = a[0];
            c00 = MathF.FusedMultiplyAdd(a0, b0, c00);
            c01 = MathF.FusedMultiplyAdd(a0, b1, c01);
            c02 = MathF.FusedMultiplyAdd(a0, b2, c02);
            c03 = MathF.FusedMultiplyAdd(a0, b3, c03);
            float a1 = a[1];
            c10 = MathF.FusedMultiplyAdd(a1, b0, c10);
            c11 = MathF.FusedMultiplyAdd(a1, b1, c11);
            c12 = MathF.FusedMultiplyAdd(a1, b2, c12);
            c13 = MathF.FusedMultiplyAdd(a1, b3, c13);
            float a2 = a[2];
            c20 = MathF.FusedMultiplyAdd(a2, b0, c20);
            c21 = MathF.FusedMultiplyAdd(a2, b1, c21);
            c22 = MathF.FusedMultiplyAdd(a2, b2, c22);
            c23 = MathF.FusedMultiplyAdd(a2, b3, c23);
            float a3 = a[3];
            c30 = MathF.FusedMultiplyAdd(a3, b0, c30);
            c31 = MathF.FusedMultiplyAdd(a3, b1, c31);
            c32 = MathF.FusedMultiplyAdd(a3, b2, c32);
            c33 = MathF.FusedMultiplyAdd(a3, b3, c33);
            a += 4;
            b += 4;
        }

        c[(cStride * 0) + 0] = c00;
        c[(cStride * 0) + 1] = c01;
        c[(cStride * 0) + 2] = c02;
        c[(cStride * 0) + 3] = c03;
        c[(cStride * 1) + 0] = c10;
        c[(cStride * 1) + 1] = c11;
        c[(cStride * 1) + 2] = c12;
        c[(cStride * 1) + 3] = c13;
        c[(cStride * 2) + 0] = c20;
        c[(cStride * 2) + 1] = c21;
        c[(cStride * 2) + 2] = c22;
        c[(cStride * 2) + 3] = c23;
        c[(cStride * 3) + 0] = c30;
        c[(cStride * 3) + 1] = c31;
        c[(cStride * 3) + 2] = c32;
        c[(cStride * 3) + 3] = c33;
    }
}
