using System.Runtime.InteropServices;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.IO;

/// <summary>
/// Reads and writes NumPy .npy files (format versions 1.0, 2.0 and 3.0; little-endian float32, float64, int32 and
/// int64; rank 0 to 2; C or Fortran order on reading, C order on writing). Writes are atomic (<see cref="AtomicFile"/>).
/// </summary>
public static class Npy
{
    /// <summary>Reads the .npy file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is malformed, truncated, or holds an unsupported array; the message names the file.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads a .npy array from <paramref name="stream"/>, which must end where the array ends.</summary>
    /// <param name="stream">The .npy bytes.</param>
    /// <param name="sourceName">The name used in error messages (usually the file path).</param>
    /// <exception cref="InvalidDataException">The bytes are malformed, truncated, or hold an unsupported array.</exception>
    public static NpyArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        RequireLittleEndianHost();
        NpyHeader header = NpyHeader.Read(stream, sourceName);
        int count = (int)header.Count;
        Array storage = header.DType switch
        {
            NpyDType.Float32 => ReadElements<float>(stream, header, count, sourceName),
            NpyDType.Float64 => ReadElements<double>(stream, header, count, sourceName),
            NpyDType.Int32 => ReadElements<int>(stream, header, count, sourceName),
            _ => ReadElements<long>(stream, header, count, sourceName),
        };
        if (stream.ReadByte() >= 0)
        {
            throw NpyHeader.Invalid(sourceName, $"it has bytes after the {count} elements its shape announces");
        }

        return new NpyArray(header.DType, header.Shape, storage);
    }

    /// <summary>Writes a float32 matrix (shape (n, d), C order), atomically.</summary>
    public static void Write(string path, ReadOnlySpan2D<float> matrix)
    {
        RequireLittleEndianHost();
        using var file = new AtomicFileWriter(path);
        new NpyHeader(NpyDType.Float32, false, [matrix.Height, matrix.Width]).Write(file.Stream);
        for (int i = 0; i < matrix.Height; i++)
        {
            file.Stream.Write(MemoryMarshal.AsBytes(matrix.GetRowSpan(i)));
        }

        file.Commit();
    }

    /// <summary>Writes a float32 vector (shape (n,)), atomically.</summary>
    public static void Write(string path, ReadOnlySpan<float> values) => WriteVector(path, NpyDType.Float32, values);

    /// <summary>Writes a float64 vector (shape (n,)), atomically.</summary>
    public static void Write(string path, ReadOnlySpan<double> values) => WriteVector(path, NpyDType.Float64, values);

    /// <summary>Writes an int32 vector (shape (n,)), e.g. labels or selected indices, atomically.</summary>
    public static void Write(string path, ReadOnlySpan<int> values) => WriteVector(path, NpyDType.Int32, values);

    private static void WriteVector<T>(string path, NpyDType dtype, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        RequireLittleEndianHost();
        using var file = new AtomicFileWriter(path);
        new NpyHeader(dtype, false, [values.Length]).Write(file.Stream);
        int chunk = (1 << 30) / NpyHeader.ItemSize(dtype);
        for (int start = 0; start < values.Length; start += chunk)
        {
            file.Stream.Write(MemoryMarshal.AsBytes(values.Slice(start, Math.Min(chunk, values.Length - start))));
        }

        file.Commit();
    }

    private static T[] ReadElements<T>(Stream stream, NpyHeader header, int count, string source)
        where T : unmanaged
    {
        // Every element is overwritten (or the read throws), so the array need not be zeroed first.
        T[] elements = GC.AllocateUninitializedArray<T>(count);
        int chunk = (1 << 30) / NpyHeader.ItemSize(header.DType);
        for (int start = 0; start < count; start += chunk)
        {
            int length = Math.Min(chunk, count - start);
            Span<byte> bytes = MemoryMarshal.AsBytes(elements.AsSpan(start, length));
            int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read < bytes.Length)
            {
                long have = ((long)start * NpyHeader.ItemSize(header.DType)) + read;
                long need = (long)count * NpyHeader.ItemSize(header.DType);
                throw NpyHeader.Invalid(source, $"it is truncated: shape ({string.Join(", ", header.Shape)}) needs {need} data bytes but only {have} are present");
            }
        }

        if (header.FortranOrder && header.Shape.Length == 2 && header.Shape[0] > 1 && header.Shape[1] > 1)
        {
            // Fortran order stores column j contiguously: element (i, j) is at j·rows + i.
            int rows = header.Shape[0];
            int columns = header.Shape[1];
            T[] transposed = GC.AllocateUninitializedArray<T>(count);
            for (int j = 0; j < columns; j++)
            {
                ReadOnlySpan<T> column = elements.AsSpan(j * rows, rows);
                for (int i = 0; i < rows; i++)
                {
                    transposed[(i * columns) + j] = column[i];
                }
            }

            return transposed;
        }

        return elements;
    }

    private static void RequireLittleEndianHost()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(".npy reading and writing needs a little-endian processor.");
        }
    }
}
