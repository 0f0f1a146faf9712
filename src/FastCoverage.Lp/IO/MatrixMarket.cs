using System.Globalization;
using System.Text;
using FastCoverage.IO;

namespace FastCoverage.Lp.IO;

/// <summary>
/// Sparse MatrixMarket coordinate files (<c>.mtx</c>), "%%MatrixMarket matrix coordinate real general", in the
/// layout <c>scipy.io.mmwrite</c> writes and <c>scipy.io.mmread</c> reads: a header line, comment lines starting
/// with '%', a size line "rows columns entries", then one "i j value" line per entry with 1-based indices.
/// Float32 values are written in shortest round-trip form, so a write → read cycle (here or through scipy) is lossless.
/// </summary>
public static class MatrixMarket
{
    private const string Header = "%%MatrixMarket matrix coordinate real general";

    /// <summary>Writes <paramref name="matrix"/> to <paramref name="path"/> atomically, entries in row-major order.</summary>
    public static void Write(string path, CsrMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(Header);
            writer.WriteLine("% written by FastCoverage");
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{matrix.RowCount} {matrix.ColumnCount} {matrix.NonZeroCount}"));
            Span<char> buffer = stackalloc char[64];
            for (int i = 0; i < matrix.RowCount; i++)
            {
                for (int k = matrix.RowStarts[i]; k < matrix.RowStarts[i + 1]; k++)
                {
                    writer.Write(i + 1);
                    writer.Write(' ');
                    writer.Write(matrix.ColumnIndices[k] + 1);
                    writer.Write(' ');
                    matrix.Values[k].TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture);
                    writer.Write(buffer[..written]);
                    writer.Write('\n');
                }
            }
        });
    }

    /// <summary>
    /// Reads a coordinate "real" or "integer" general MatrixMarket file. Duplicate entries are summed (as scipy's
    /// conversion to CSR does); entries are returned in row-major order.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file and line.</exception>
    public static CsrMatrix Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        int lineNumber = 1;
        string header = reader.ReadLine() ?? throw Malformed(path, lineNumber, "the file is empty");
        string[] tokens = header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length != 5 || !tokens[0].Equals("%%MatrixMarket", StringComparison.OrdinalIgnoreCase)
            || !tokens[1].Equals("matrix", StringComparison.OrdinalIgnoreCase)
            || !tokens[2].Equals("coordinate", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed(path, lineNumber, $"expected the header '{Header}', found '{header}'");
        }

        if (!tokens[3].Equals("real", StringComparison.OrdinalIgnoreCase) && !tokens[3].Equals("integer", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed(path, lineNumber, $"field '{tokens[3]}' is not supported (only real or integer)");
        }

        if (!tokens[4].Equals("general", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed(path, lineNumber, $"symmetry '{tokens[4]}' is not supported (only general)");
        }

        string? line;
        do
        {
            line = reader.ReadLine();
            lineNumber++;
        }
        while (line is not null && (line.Length == 0 || line[0] == '%' || string.IsNullOrWhiteSpace(line)));
        if (line is null)
        {
            throw Malformed(path, lineNumber, "the size line 'rows columns entries' is missing");
        }

        string[] size = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (size.Length != 3 || !int.TryParse(size[0], NumberStyles.None, CultureInfo.InvariantCulture, out int rows)
            || !int.TryParse(size[1], NumberStyles.None, CultureInfo.InvariantCulture, out int columns)
            || !int.TryParse(size[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw Malformed(path, lineNumber, $"expected the size line 'rows columns entries', found '{line}'");
        }

        var entryRows = new int[count];
        var entryColumns = new int[count];
        var entryValues = new float[count];
        int read = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line[0] == '%')
            {
                continue;
            }

            if (read == count)
            {
                throw Malformed(path, lineNumber, $"more entries than the {count} the size line announced");
            }

            ParseEntry(path, lineNumber, line, rows, columns, out entryRows[read], out entryColumns[read], out entryValues[read]);
            read++;
        }

        if (read != count)
        {
            throw Malformed(path, lineNumber, $"the file ends after {read} of the {count} entries the size line announced");
        }

        return ToCsr(rows, columns, entryRows, entryColumns, entryValues);
    }

    private static void ParseEntry(string path, int lineNumber, string line, int rows, int columns, out int row, out int column, out float value)
    {
        ReadOnlySpan<char> rest = line.AsSpan().Trim();
        if (!TryNextToken(ref rest, out ReadOnlySpan<char> first) || !TryNextToken(ref rest, out ReadOnlySpan<char> second)
            || !TryNextToken(ref rest, out ReadOnlySpan<char> third) || !rest.IsEmpty)
        {
            throw Malformed(path, lineNumber, $"expected 'row column value', found '{line}'");
        }

        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out row) || row < 1 || row > rows
            || !int.TryParse(second, NumberStyles.None, CultureInfo.InvariantCulture, out column) || column < 1 || column > columns)
        {
            throw Malformed(path, lineNumber, $"indices '{first} {second}' are not 1-based within {rows} × {columns}");
        }

        if (!double.TryParse(third, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) || !float.IsFinite((float)parsed))
        {
            throw Malformed(path, lineNumber, $"value '{third}' is not a finite float32 number");
        }

        row--;
        column--;
        value = (float)parsed;
    }

    private static bool TryNextToken(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> token)
    {
        rest = rest.TrimStart();
        if (rest.IsEmpty)
        {
            token = default;
            return false;
        }

        int end = rest.IndexOfAny(' ', '\t');
        token = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..].TrimStart();
        return true;
    }

    /// <summary>Sorts coordinate entries into row-major CSR, summing duplicates.</summary>
    private static CsrMatrix ToCsr(int rows, int columns, int[] entryRows, int[] entryColumns, float[] entryValues)
    {
        int count = entryRows.Length;
        var order = new int[count];
        for (int k = 0; k < count; k++)
        {
            order[k] = k;
        }

        Array.Sort(order, (a, b) =>
        {
            int byRow = entryRows[a].CompareTo(entryRows[b]);
            if (byRow != 0)
            {
                return byRow;
            }

            int byColumn = entryColumns[a].CompareTo(entryColumns[b]);
            return byColumn != 0 ? byColumn : a.CompareTo(b);
        });
        var starts = new int[rows + 1];
        var columnIndices = new List<int>(count);
        var values = new List<float>(count);
        int previousRow = -1;
        int previousColumn = -1;
        foreach (int k in order)
        {
            if (entryRows[k] == previousRow && entryColumns[k] == previousColumn)
            {
                values[^1] += entryValues[k];
                continue;
            }

            starts[entryRows[k] + 1]++;
            columnIndices.Add(entryColumns[k]);
            values.Add(entryValues[k]);
            previousRow = entryRows[k];
            previousColumn = entryColumns[k];
        }

        for (int i = 0; i < rows; i++)
        {
            starts[i + 1] += starts[i];
        }

        return new CsrMatrix(rows, columns, starts, [.. columnIndices], [.. values]);
    }

    private static InvalidDataException Malformed(string path, int line, string problem) =>
        new($"{path}: line {line}: {problem}.");
}
