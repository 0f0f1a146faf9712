using System.Globalization;

namespace FastCoverage.IO;

/// <summary>What a CSV field parser found in one field.</summary>
internal enum CsvFieldStatus
{
    /// <summary>An accepted value.</summary>
    Value,

    /// <summary>Not a number at all (in the first row: a header).</summary>
    NotANumber,

    /// <summary>A number outside the parser's domain (NaN, ±Inf, a fraction where an integer is needed, …).</summary>
    OutOfDomain,
}

/// <summary>Parses one CSV field into a <typeparamref name="T"/>; a static-abstract operator, specialized by the JIT.</summary>
internal interface ICsvField<T>
{
    /// <summary>What the parser accepts, for error messages ("a finite number").</summary>
    static abstract string Domain { get; }

    /// <summary>Parses <paramref name="field"/> (invariant culture).</summary>
    static abstract CsvFieldStatus Parse(ReadOnlySpan<char> field, out T value);
}

/// <summary>A finite float32 (matrix entries).</summary>
internal readonly struct FiniteFloatField : ICsvField<float>
{
    public static string Domain => "a finite number";

    public static CsvFieldStatus Parse(ReadOnlySpan<char> field, out float value)
    {
        if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return CsvFieldStatus.NotANumber;
        }

        return float.IsFinite(value) ? CsvFieldStatus.Value : CsvFieldStatus.OutOfDomain;
    }
}

/// <summary>An integer label in int32 range, written as an integer or as a float with an integral value ("3.0").</summary>
internal readonly struct IntegerLabelField : ICsvField<int>
{
    public static string Domain => "an integer label in the int32 range";

    public static CsvFieldStatus Parse(ReadOnlySpan<char> field, out int value)
    {
        value = 0;
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            return CsvFieldStatus.NotANumber;
        }

        if (number != Math.Floor(number) || number < int.MinValue || number > int.MaxValue)
        {
            return CsvFieldStatus.OutOfDomain;
        }

        value = (int)number;
        return CsvFieldStatus.Value;
    }
}
