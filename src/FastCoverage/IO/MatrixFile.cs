using CommunityToolkit.HighPerformance;

namespace FastCoverage.IO;

/// <summary>
/// Reads the files a user hands to FastCoverage — feature matrices, vectors and labels — as .npy or .csv, chosen by
/// the file's extension. Every error is an <see cref="InvalidDataException"/> whose message names the file (and,
/// for CSV, the 1-based row and column; for .npy, the 0-based index numpy would show).
/// </summary>
public static class MatrixFile
{
    /// <summary>Reads a non-empty, finite, row-major float32 matrix (n×d) from a 2-D .npy or a CSV file.</summary>
    /// <remarks>float64 and integer .npy arrays are converted to float32; a float64 value beyond the float32 range is an error.</remarks>
    /// <exception cref="ArgumentException">The extension is neither .npy nor .csv.</exception>
    /// <exception cref="InvalidDataException">The file is malformed, not 2-D, empty, or holds NaN/±Inf.</exception>
    public static Memory2D<float> ReadMatrix(string path)
    {
        if (IsNpy(path))
        {
            NpyArray array = Npy.Read(path);
            if (array.Rank != 2)
            {
                throw new InvalidDataException($"'{path}' holds a {array.Rank}-D array of shape {ShapeText(array)}; a matrix needs 2 dimensions.");
            }

            RequireNonEmpty(array, path);
            float[] values = ToFiniteFloats(array, path);
            return new Memory2D<float>(values, array.Shape[0], array.Shape[1]);
        }

        return Csv.ReadMatrix(path);
    }

    /// <summary>Reads a non-empty, finite float32 vector: a 1-D .npy, an n×1 or 1×n matrix, or a one-column (or one-row) CSV.</summary>
    /// <exception cref="ArgumentException">The extension is neither .npy nor .csv.</exception>
    /// <exception cref="InvalidDataException">The file is malformed, not a vector, empty, or holds NaN/±Inf.</exception>
    public static float[] ReadVector(string path)
    {
        if (IsNpy(path))
        {
            NpyArray array = Npy.Read(path);
            RequireVectorShape(array, path);
            RequireNonEmpty(array, path);
            return ToFiniteFloats(array, path);
        }

        Memory2D<float> matrix = Csv.ReadMatrix(path);
        if (matrix.Width != 1 && matrix.Height != 1)
        {
            throw new InvalidDataException($"'{path}' is a {matrix.Height}×{matrix.Width} table; a vector needs one column or one row.");
        }

        return Flatten(matrix);
    }

    /// <summary>Reads non-empty integer labels: an int32/int64 .npy (or float with integral values), 1-D or n×1 or 1×n, or a one-column CSV.</summary>
    /// <exception cref="ArgumentException">The extension is neither .npy nor .csv.</exception>
    /// <exception cref="InvalidDataException">The file is malformed, not a vector, empty, or holds a non-integral or out-of-range label.</exception>
    public static int[] ReadLabels(string path)
    {
        if (!IsNpy(path))
        {
            return Csv.ReadLabels(path);
        }

        NpyArray array = Npy.Read(path);
        RequireVectorShape(array, path);
        RequireNonEmpty(array, path);
        var labels = new int[array.Count];
        switch (array.Storage)
        {
            case int[] ints:
                return ints;
            case long[] longs:
                for (int i = 0; i < longs.Length; i++)
                {
                    labels[i] = longs[i] is >= int.MinValue and <= int.MaxValue ? (int)longs[i] : throw BadLabel(path, longs[i], i);
                }

                return labels;
            case float[] floats:
                for (int i = 0; i < floats.Length; i++)
                {
                    labels[i] = IntegralLabel(floats[i], path, i);
                }

                return labels;
            default:
                double[] doubles = (double[])array.Storage;
                for (int i = 0; i < doubles.Length; i++)
                {
                    labels[i] = IntegralLabel(doubles[i], path, i);
                }

                return labels;
        }
    }

    private static int IntegralLabel(double value, string path, int index) =>
        value == Math.Floor(value) && value >= int.MinValue && value <= int.MaxValue ? (int)value : throw BadLabel(path, value, index);

    private static InvalidDataException BadLabel(string path, object value, int index) =>
        new($"'{path}' holds {value} at index {index} (0-based); labels must be integers in the int32 range.");

    private static bool IsNpy(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".npy" => true,
            ".csv" => false,
            _ => throw new ArgumentException($"'{path}' has the extension '{extension}'; expected .npy or .csv.", nameof(path)),
        };
    }

    private static float[] Flatten(Memory2D<float> matrix)
    {
        var values = new float[matrix.Height * matrix.Width];
        matrix.Span.CopyTo(values);
        return values;
    }

    private static void RequireVectorShape(NpyArray array, string path)
    {
        bool vector = array.Rank == 1 || (array.Rank == 2 && (array.Shape[0] == 1 || array.Shape[1] == 1));
        if (!vector)
        {
            throw new InvalidDataException($"'{path}' holds an array of shape {ShapeText(array)}; a vector needs shape (n,), (n, 1) or (1, n).");
        }
    }

    private static void RequireNonEmpty(NpyArray array, string path)
    {
        if (array.Count == 0)
        {
            throw new InvalidDataException($"'{path}' holds an empty array of shape {ShapeText(array)}.");
        }
    }

    /// <summary>The elements as float32 (converting float64 and integers), checked finite; errors name the 0-based index.</summary>
    private static float[] ToFiniteFloats(NpyArray array, string path)
    {
        float[] values;
        switch (array.Storage)
        {
            case float[] floats:
                values = floats;
                break;
            case double[] doubles:
                values = new float[doubles.Length];
                for (int i = 0; i < doubles.Length; i++)
                {
                    values[i] = (float)doubles[i];
                    if (float.IsInfinity(values[i]) && double.IsFinite(doubles[i]))
                    {
                        throw new InvalidDataException($"'{path}' holds {doubles[i]:R} at {IndexText(array, i)}, outside the float32 range.");
                    }
                }

                break;
            case int[] ints:
                values = new float[ints.Length];
                for (int i = 0; i < ints.Length; i++)
                {
                    values[i] = ints[i];
                }

                break;
            default:
                long[] longs = (long[])array.Storage;
                values = new float[longs.Length];
                for (int i = 0; i < longs.Length; i++)
                {
                    values[i] = longs[i];
                }

                break;
        }

        int bad = FirstNonFinite(values);
        if (bad >= 0)
        {
            throw new InvalidDataException($"'{path}' holds {values[bad]} at {IndexText(array, bad)}; values must be finite.");
        }

        return values;
    }

    /// <summary>Index of the first NaN or ±Inf, or −1.</summary>
    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        const int block = 4096;
        for (int start = 0; start < values.Length; start += block)
        {
            ReadOnlySpan<float> chunk = values.Slice(start, Math.Min(block, values.Length - start));
            // x·0 is 0 for finite x and NaN for NaN/±Inf, so a vectorized sum finds both.
            if (!float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum(chunk) * 0f))
            {
                for (int i = 0; i < chunk.Length; i++)
                {
                    if (!float.IsFinite(chunk[i]))
                    {
                        return start + i;
                    }
                }
            }
        }

        return -1;
    }

    private static string IndexText(NpyArray array, int flat) => array.Rank == 2
        ? $"row {flat / array.Shape[1]}, column {flat % array.Shape[1]} (0-based)"
        : $"index {flat} (0-based)";

    private static string ShapeText(NpyArray array) => array.Rank == 1 ? $"({array.Shape[0]},)" : $"({string.Join(", ", array.Shape)})";
}
