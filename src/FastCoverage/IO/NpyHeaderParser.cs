using System.Globalization;

namespace FastCoverage.IO;

/// <summary>
/// Parses the Python dict literal of a .npy header: exactly the keys 'descr', 'fortran_order' and 'shape'.
/// </summary>
internal ref struct NpyHeaderParser(string text, string source)
{
    private int position;

    public NpyHeader Parse()
    {
        NpyDType? dtype = null;
        bool? fortranOrder = null;
        int[]? shape = null;
        SkipSpace();
        Expect('{');
        while (true)
        {
            SkipSpace();
            if (TryConsume('}'))
            {
                break;
            }

            string key = ParseString();
            SkipSpace();
            Expect(':');
            SkipSpace();
            switch (key)
            {
                case "descr":
                    dtype = ParseDescr();
                    break;
                case "fortran_order":
                    fortranOrder = ParseBool();
                    break;
                case "shape":
                    shape = ParseShape();
                    break;
                default:
                    throw Fail($"its header has the unexpected key '{key}'");
            }

            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                Expect('}');
                break;
            }
        }

        SkipSpace();
        if (position != text.Length)
        {
            throw Fail($"its header has text after the closing brace at character {position + 1}");
        }

        if (dtype is null || fortranOrder is null || shape is null)
        {
            throw Fail("its header lacks one of the keys 'descr', 'fortran_order', 'shape'");
        }

        var header = new NpyHeader(dtype.Value, fortranOrder.Value, shape);
        if (header.Count > Array.MaxLength)
        {
            throw Fail($"its shape ({string.Join(", ", shape)}) holds more elements than one .NET array can");
        }

        return header;
    }

    private NpyDType ParseDescr()
    {
        if (Peek() == '[')
        {
            throw Fail("it holds a structured (record) array, which is not supported");
        }

        string descr = ParseString();
        if (descr.Length < 2)
        {
            throw Fail($"its dtype '{descr}' is not understood");
        }

        char order = descr[0];
        string type = descr[1..];
        if (order == '>')
        {
            throw Fail($"its dtype '{descr}' is big-endian; save it little-endian (e.g. numpy's arr.astype('<f4'))");
        }

        if (order is not ('<' or '|' or '='))
        {
            throw Fail($"its dtype '{descr}' is not understood");
        }

        return type switch
        {
            "f4" => NpyDType.Float32,
            "f8" => NpyDType.Float64,
            "i4" => NpyDType.Int32,
            "i8" => NpyDType.Int64,
            "O" => throw Fail("it holds an object array (pickled Python objects), which is not supported"),
            _ => throw Fail($"its dtype '{descr}' is not supported (float32, float64, int32 and int64 are)"),
        };
    }

    private bool ParseBool()
    {
        if (TryConsumeWord("True"))
        {
            return true;
        }

        if (TryConsumeWord("False"))
        {
            return false;
        }

        throw Fail($"its header's 'fortran_order' is not True or False at character {position + 1}");
    }

    private int[] ParseShape()
    {
        Expect('(');
        var dimensions = new List<int>(2);
        while (true)
        {
            SkipSpace();
            if (TryConsume(')'))
            {
                break;
            }

            int start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (start == position || !int.TryParse(text.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out int dimension))
            {
                throw Fail($"its header's 'shape' has a bad dimension at character {start + 1}");
            }

            TryConsume('L');
            dimensions.Add(dimension);
            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                Expect(')');
                break;
            }
        }

        if (dimensions.Count > 2)
        {
            throw Fail($"its shape ({string.Join(", ", dimensions)}) has {dimensions.Count} dimensions; at most 2 are supported");
        }

        return [.. dimensions];
    }

    private string ParseString()
    {
        char quote = Peek();
        if (quote is not ('\'' or '"'))
        {
            throw Fail($"its header has no quoted string at character {position + 1}");
        }

        int end = text.IndexOf(quote, position + 1);
        if (end < 0)
        {
            throw Fail($"its header has an unterminated string at character {position + 1}");
        }

        string value = text[(position + 1)..end];
        position = end + 1;
        return value;
    }

    private readonly char Peek() => position < text.Length ? text[position] : '\0';

    private void SkipSpace()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private bool TryConsume(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        position++;
        return true;
    }

    private bool TryConsumeWord(string word)
    {
        if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
        {
            return false;
        }

        position += word.Length;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Fail($"its header has no '{c}' at character {position + 1}");
        }
    }

    private readonly InvalidDataException Fail(string reason) => NpyHeader.Invalid(source, reason);
}
