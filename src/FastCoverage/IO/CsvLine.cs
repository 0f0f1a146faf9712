namespace FastCoverage.IO;

/// <summary>Splits one CSV line into fields; a field may be double-quoted (with "" for a quote) but cannot span lines.</summary>
internal ref struct CsvLine(string line, char delimiter, string source, int lineNumber)
{
    private int position;
    private int column;
    private bool done;

    /// <summary>The next field (quotes removed, surrounding blanks kept for the number parser to skip).</summary>
    public bool TryNext(out ReadOnlySpan<char> field)
    {
        if (done)
        {
            field = default;
            return false;
        }

        column++;
        ReadOnlySpan<char> rest = line.AsSpan(position);
        int leading = rest.Length - rest.TrimStart(' ').Length;
        if (leading < rest.Length && rest[leading] == '"')
        {
            int open = position + leading;
            int close = open + 1;
            while (true)
            {
                close = line.IndexOf('"', close);
                if (close < 0)
                {
                    throw CsvReader.Invalid(source, lineNumber, column, "the quoted field is not closed (a field cannot span lines)");
                }

                if (close + 1 < line.Length && line[close + 1] == '"')
                {
                    close += 2;
                    continue;
                }

                break;
            }

            field = line.AsSpan(open + 1, close - open - 1);
            ReadOnlySpan<char> after = line.AsSpan(close + 1);
            int next = after.IndexOf(delimiter);
            ReadOnlySpan<char> between = next < 0 ? after : after[..next];
            if (!between.IsWhiteSpace())
            {
                throw CsvReader.Invalid(source, lineNumber, column, "text follows the closing quote of the field");
            }

            Advance(next < 0 ? -1 : close + 1 + next);
            return true;
        }

        int end = rest.IndexOf(delimiter);
        field = end < 0 ? rest : rest[..end];
        Advance(end < 0 ? -1 : position + end);
        return true;
    }

    private void Advance(int delimiterIndex)
    {
        if (delimiterIndex < 0)
        {
            done = true;
        }
        else
        {
            position = delimiterIndex + 1;
        }
    }
}
