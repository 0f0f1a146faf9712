using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.Kernels;

/// <summary>
/// Computes rows of K = k(X, Y): dot products, then the kernel epilogue (norms → distances → exp).
/// </summary>
internal static unsafe class GramEngine
{
    private const int RowBlock = 32;

    public static void ComputeRows(ReadOnlySpan2D<float> x, ReadOnlySpan2D<float> y, Kernel kernel, int rowStart, int rowEnd, Span2D<float> destination, bool symmetric, int maxDegreeOfParallelism)
    {
        int rows = rowEnd - rowStart;
        if (rows == 0)
        {
            return;
        }

        float gamma = kernel.Kind == KernelKind.Rbf ? kernel.ResolveGamma(x.Width) : 0f;
        fixed (float* px = &Unsafe.AsRef(in x.GetRowSpan(0).GetPinnableReference()))
        fixed (float* py = &Unsafe.AsRef(in y.GetRowSpan(0).GetPinnableReference()))
        fixed (float* pk = &destination.GetRowSpan(0).GetPinnableReference())
        {
            var xv = new MatrixView(px, x.Height, x.Width, MatrixView.StrideOf(x));
            var yv = new MatrixView(py, y.Height, y.Width, MatrixView.StrideOf(y));
            var kv = new MatrixView(pk, destination.Height, destination.Width, MatrixView.StrideOf(destination));
            float[] yNorms = new float[y.Height];
            for (int j = 0; j < y.Height; j++)
            {
                ReadOnlySpan<float> r = new(yv.Row(j), yv.Width);
                yNorms[j] = TensorPrimitives.Dot(r, r);
            }

            int blocks = (rows + RowBlock - 1) / RowBlock;
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            Parallel.For(0, blocks, options, b =>
            {
                int i0 = rowStart + (b * RowBlock);
                int i1 = Math.Min(rowEnd, i0 + RowBlock);
                for (int i = i0; i < i1; i++)
                {
                    ReadOnlySpan<float> xi = new(xv.Row(i), xv.Width);
                    float xNorm = TensorPrimitives.Dot(xi, xi);
                    Span<float> krow = kv.RowSpan(i - rowStart);
                    for (int j = 0; j < yv.Height; j++)
                    {
                        krow[j] = TensorPrimitives.Dot(xi, new ReadOnlySpan<float>(yv.Row(j), yv.Width));
                    }

                    ApplyEpilogue(kernel.Kind, gamma, xNorm, yNorms, krow, symmetric ? i : -1);
                }
            });
        }
    }

    /// <summary>Turns a row of dot products into kernel values; <paramref name="diagonal"/> ≥ 0 marks the exact diagonal entry.</summary>
    internal static void ApplyEpilogue(KernelKind kind, float gamma, float xNorm, ReadOnlySpan<float> yNorms, Span<float> row, int diagonal)
    {
        switch (kind)
        {
            case KernelKind.Linear:
                return;
            case KernelKind.Cosine:
                for (int j = 0; j < row.Length; j++)
                {
                    float denominator = MathF.Sqrt(xNorm) * MathF.Sqrt(yNorms[j]);
                    row[j] = denominator > 0f ? Math.Clamp(row[j] / denominator, -1f, 1f) : 0f;
                }

                if (diagonal >= 0 && xNorm > 0f)
                {
                    row[diagonal] = 1f;
                }

                return;
            default:
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = MathF.Max(0f, xNorm + yNorms[j] - (2f * row[j]));
                }

                if (diagonal >= 0)
                {
                    row[diagonal] = 0f;
                }

                if (kind == KernelKind.Rbf)
                {
                    TensorPrimitives.Multiply(row, -gamma, row);
                    TensorPrimitives.Exp(row, row);
                }

                return;
        }
    }
}
