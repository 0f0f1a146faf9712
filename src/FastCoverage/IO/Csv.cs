using System.Text;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.IO;

/// <summary>
/// Reads numeric CSV files: delimiter ',' ';' or tab (detected from the first line), an optional header row
/// (detected: the first row is a header if any non-empty field is not a number), invariant culture ('.' decimal point),
/// double-quoted fields, blank trailing lines ignored.
/// </summary>
public static class Csv
{
    /// <summary>Reads the CSV file at <paramref name="path"/> as a row-major float32 matrix (one row per data line).</summary>
    /// <exception cref="InvalidDataException">
    /// A field is not a number or is NaN/±Inf, rows have different numbers of fields, a blank line sits between data
    /// rows, or there is no data row; the message names the file, the row (its line number) and the column, 1-based.
    /// </exception>
    public static Memory2D<float> ReadMatrix(string path)
    {
        using StreamReader reader = OpenText(path);
        return ReadMatrix(reader, path);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/> as a row-major float32 matrix.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="sourceName">The name used in error messages (usually the file path).</param>
    /// <exception cref="InvalidDataException">As <see cref="ReadMatrix(string)"/>.</exception>
    public static Memory2D<float> ReadMatrix(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        (float[] values, int rows, int columns) = CsvReader.Read<float, FiniteFloatField>(reader, sourceName);
        return new Memory2D<float>(values, rows, columns);
    }

    /// <summary>Reads a one-column CSV file of integer labels.</summary>
    internal static int[] ReadLabels(string path)
    {
        using StreamReader reader = OpenText(path);
        (int[] values, _, int columns) = CsvReader.Read<int, IntegerLabelField>(reader, path);
        if (columns != 1)
        {
            throw new InvalidDataException($"'{path}' has {columns} columns; a labels file has one.");
        }

        return values;
    }

    private static StreamReader OpenText(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
    }
}
