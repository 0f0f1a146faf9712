namespace FastCoverage.IO;

/// <summary>
/// The CSV core: delimiter ',' ';' or tab detected from the first line, an optional header row (the first row is a
/// header when any of its non-empty fields is not a number), double-quoted fields on one line, blank trailing lines ignored.
/// Row and column numbers in errors are 1-based, as an editor shows them (the row is the line number).
/// </summary>
internal static class CsvReader
{
    /// <summary>Reads the table into one row-major buffer.</summary>
    /// <exception cref="InvalidDataException">A field is malformed or out of the parser's domain, rows are ragged, or there is no data row.</exception>
    public static (T[] Values, int Rows, int Columns) Read<T, TField>(TextReader reader, string source)
        where TField : ICsvField<T>
    {
        var values = new T[1024];
        int count = 0;
        int rows = 0;
        int columns = -1;
        int headerColumns = -1;
        char delimiter = '\0';
        int lineNumber = 0;
        int firstBlankLine = 0;
        int firstDataLine = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                if (firstBlankLine == 0 && (rows > 0 || headerColumns >= 0))
                {
                    firstBlankLine = lineNumber;
                }

                continue;
            }

            if (firstBlankLine != 0)
            {
                throw Invalid(source, firstBlankLine, null, "the row is blank but data rows follow it");
            }

            if (delimiter == '\0')
            {
                delimiter = DetectDelimiter(line);
                if (IsHeader<T, TField>(line, delimiter, source, lineNumber, out int fields))
                {
                    headerColumns = fields;
                    continue;
                }
            }

            int column = 0;
            var fieldsOfLine = new CsvLine(line, delimiter, source, lineNumber);
            while (fieldsOfLine.TryNext(out ReadOnlySpan<char> field))
            {
                column++;
                switch (TField.Parse(field, out T value))
                {
                    case CsvFieldStatus.Value:
                        Append(ref values, ref count, value, source);
                        break;
                    case CsvFieldStatus.NotANumber:
                        throw Invalid(source, lineNumber, column, field.IsWhiteSpace() ? "the field is empty" : $"'{field.Trim()}' is not a number");
                    default:
                        throw Invalid(source, lineNumber, column, $"'{field.Trim()}' is not {TField.Domain}");
                }
            }

            int expected = columns >= 0 ? columns : headerColumns;
            if (expected >= 0 && column != expected)
            {
                string reference = columns >= 0 ? $"row {firstDataLine}" : "the header";
                throw Invalid(source, lineNumber, null, $"the row has {column} fields but {reference} has {expected}");
            }

            if (columns < 0)
            {
                columns = column;
                firstDataLine = lineNumber;
            }

            rows++;
        }

        if (rows == 0)
        {
            throw new InvalidDataException($"'{source}' holds no data rows; an empty matrix cannot be used.");
        }

        Array.Resize(ref values, count);
        return (values, rows, columns);
    }

    private static void Append<T>(ref T[] values, ref int count, T value, string source)
    {
        if (count == values.Length)
        {
            if (values.Length >= Array.MaxLength)
            {
                throw new InvalidDataException($"'{source}' holds more values than one .NET array can.");
            }

            Array.Resize(ref values, (int)Math.Min(Array.MaxLength, 2L * values.Length));
        }

        values[count++] = value;
    }

    private static bool IsHeader<T, TField>(string line, char delimiter, string source, int lineNumber, out int fields)
        where TField : ICsvField<T>
    {
        fields = 0;
        bool header = false;
        var fieldsOfLine = new CsvLine(line, delimiter, source, lineNumber);
        while (fieldsOfLine.TryNext(out ReadOnlySpan<char> field))
        {
            fields++;
            // An empty field is a missing value, not a column name: it alone does not make a header.
            header |= !field.IsWhiteSpace() && TField.Parse(field, out _) == CsvFieldStatus.NotANumber;
        }

        return header;
    }

    /// <summary>The most frequent of ',', ';' and tab outside quotes in the first line (',' when none occurs or on a tie).</summary>
    internal static char DetectDelimiter(ReadOnlySpan<char> line)
    {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        bool quoted = false;
        foreach (char c in line)
        {
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    commas++;
                    break;
                case ';' when !quoted:
                    semicolons++;
                    break;
                case '\t' when !quoted:
                    tabs++;
                    break;
            }
        }

        if (tabs > commas && tabs >= semicolons)
        {
            return '\t';
        }

        return semicolons > commas ? ';' : ',';
    }

    /// <summary>An <see cref="InvalidDataException"/> naming the file, the row and (when known) the column, 1-based.</summary>
    internal static InvalidDataException Invalid(string source, int row, int? column, string reason) =>
        new(column is { } c ? $"'{source}', row {row}, column {c}: {reason}." : $"'{source}', row {row}: {reason}.");
}
