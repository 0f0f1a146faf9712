using System.Runtime.InteropServices;

namespace FastCoverage.IO;

/// <summary>
/// An array read from a .npy file: its element type, its shape (rank 0, 1 or 2) and its elements in C (row-major)
/// order — a Fortran-order file has been transposed on reading.
/// </summary>
public sealed class NpyArray
{
    private readonly int[] shape;

    internal NpyArray(NpyDType dtype, int[] shape, Array storage)
    {
        DType = dtype;
        this.shape = shape;
        Storage = storage;
    }

    /// <summary>The element type.</summary>
    public NpyDType DType { get; }

    /// <summary>The dimensions: empty for a scalar, (n) for a vector, (n, d) for a matrix.</summary>
    public IReadOnlyList<int> Shape => shape;

    /// <summary>The number of dimensions (0, 1 or 2).</summary>
    public int Rank => shape.Length;

    /// <summary>The number of elements (the product of the dimensions).</summary>
    public int Count => Storage.Length;

    /// <summary>The elements as raw little-endian bytes, C order.</summary>
    public ReadOnlySpan<byte> Bytes => DType switch
    {
        NpyDType.Float32 => MemoryMarshal.AsBytes<float>((float[])Storage),
        NpyDType.Float64 => MemoryMarshal.AsBytes<double>((double[])Storage),
        NpyDType.Int32 => MemoryMarshal.AsBytes<int>((int[])Storage),
        _ => MemoryMarshal.AsBytes<long>((long[])Storage),
    };

    /// <summary>The typed array behind the data: float[], double[], int[] or long[] according to <see cref="DType"/>.</summary>
    internal Array Storage { get; }

    /// <summary>The elements, C order, as <typeparamref name="T"/>, which must match <see cref="DType"/>.</summary>
    /// <typeparam name="T">float, double, int or long.</typeparam>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the element type of the array.</exception>
    public ReadOnlySpan<T> AsSpan<T>()
        where T : unmanaged => Storage is T[] typed
            ? typed
            : throw new InvalidOperationException($"The array holds {DType}, not {typeof(T).Name}.");
}
