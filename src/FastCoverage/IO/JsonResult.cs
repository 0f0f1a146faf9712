using System.Text.Json;

namespace FastCoverage.IO;

/// <summary>
/// JSON result files (selections, values, reports): written atomically as one indented top-level object through a
/// <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe), and read back as numeric arrays.
/// </summary>
public static class JsonResult
{
    /// <summary>
    /// Writes <c>{</c> …properties written by <paramref name="writeBody"/>… <c>}</c> to <paramref name="path"/>,
    /// atomically. Numbers written with <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> or
    /// <see cref="Utf8JsonWriter.WriteNumberValue(float)"/> round-trip exactly; NaN and ±Inf are refused with an
    /// <see cref="ArgumentException"/> (JSON has no such numbers), and then no file is written.
    /// </summary>
    /// <param name="path">The destination; its folder must exist.</param>
    /// <param name="writeBody">Writes the properties of the top-level object.</param>
    public static void Write(string path, Action<Utf8JsonWriter> writeBody)
    {
        ArgumentNullException.ThrowIfNull(writeBody);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
        });
    }

    /// <summary>
    /// Reads the numeric array <paramref name="propertyName"/> of the top-level object in <paramref name="path"/>
    /// (e.g. "values" of a values file, "indices" of a selection), or the top-level array when the file holds a bare array.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not JSON, lacks the property, or the array holds a non-number; the message names the file.</exception>
    public static double[] ReadNumbers(string path, string propertyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyName);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            throw new InvalidDataException($"'{path}' is not valid JSON{where}.", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            JsonElement array;
            string what;
            if (root.ValueKind == JsonValueKind.Array)
            {
                array = root;
                what = "the top-level array";
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(propertyName, out array))
            {
                what = $"property '{propertyName}'";
                if (array.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"'{path}': {what} is a {array.ValueKind}, not an array of numbers.");
                }
            }
            else
            {
                throw new InvalidDataException($"'{path}' has no top-level property '{propertyName}' (nor is it a bare array of numbers).");
            }

            var numbers = new double[array.GetArrayLength()];
            int i = 0;
            foreach (JsonElement element in array.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out numbers[i]) || !double.IsFinite(numbers[i]))
                {
                    throw new InvalidDataException($"'{path}': element {i} of {what} is not a finite number.");
                }

                i++;
            }

            return numbers;
        }
    }
}
