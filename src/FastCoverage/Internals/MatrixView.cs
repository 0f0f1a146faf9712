using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;

namespace FastCoverage;

/// <summary>
/// An unmanaged row-major view (pointer, height, width, row stride in elements) of pinned memory, so that
/// parallel workers can read and write a <see cref="Span2D{T}"/>'s storage. Only valid while the memory is pinned.
/// </summary>
internal readonly unsafe struct MatrixView
{
    public readonly float* Data;
    public readonly int Height;
    public readonly int Width;
    public readonly nint Stride;

    public MatrixView(float* data, int height, int width, nint stride)
    {
        Data = data;
        Height = height;
        Width = width;
        Stride = stride;
    }

    public float* Row(int i) => Data + (i * Stride);

    public Span<float> RowSpan(int i) => new(Row(i), Width);

    /// <summary>The row stride of a 2-D span, in elements (its width plus its pitch).</summary>
    public static nint StrideOf(ReadOnlySpan2D<float> span)
    {
        if (span.Height < 2)
        {
            return span.Width;
        }

        ref float r0 = ref Unsafe.AsRef(in span.GetRowSpan(0).GetPinnableReference());
        ref float r1 = ref Unsafe.AsRef(in span.GetRowSpan(1).GetPinnableReference());
        return Unsafe.ByteOffset(ref r0, ref r1) / sizeof(float);
    }
}
