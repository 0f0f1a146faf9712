using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace FastCoverage.Cli;

/// <summary>The rows of <c>fastcoverage theory</c>, written as a Spectre.Console table or a JSON array.</summary>
internal sealed class TheoryTable(IReadOnlyList<TheoryRow> rows, bool equalModes, bool withGap, bool withMisalignment)
{
    /// <summary>Parses "K" or "A..B" (0 ≤ A ≤ B) into an inclusive range.</summary>
    public static (long First, long Last) ParseRange(string text)
    {
        string[] parts = text.Split("..");
        if (parts.Length is 1 or 2
            && long.TryParse(parts[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long first)
            && long.TryParse(parts[^1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long last)
            && first >= 0 && first <= last)
        {
            if (last - first >= 1_000_000)
            {
                throw new CliUsageException($"--k range '{text}' has more than 1,000,000 rows.");
            }

            return (first, last);
        }

        throw new CliUsageException($"--k must be a budget k ≥ 0 or a range A..B with 0 ≤ A ≤ B, not '{text}'.");
    }

    public void Write(TextWriter output, bool json)
    {
        if (json)
        {
            WriteJson(output);
        }
        else
        {
            WriteTable(output);
        }
    }

    private void WriteJson(TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (TheoryRow row in rows)
            {
                writer.WriteStartObject();
                writer.WriteNumber("r", row.Sizes.Length);
                if (equalModes)
                {
                    writer.WriteNumber("m", row.Sizes[0]);
                }
                else
                {
                    writer.WriteStartArray("sizes");
                    foreach (long size in row.Sizes)
                    {
                        writer.WriteNumberValue(size);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteNumber("N", row.PoolSize);
                writer.WriteNumber("k", row.K);
                writer.WriteNumber("expected_covered", row.ExpectedCovered);
                writer.WriteNumber("expected_covered_limit", row.ExpectedCoveredLimit);
                writer.WriteNumber("greedy_covered", row.GreedyCovered);
                writer.WriteNumber("delta_N", row.DeltaN);
                writer.WriteNumber("delta_limit", row.DeltaLimit);
                if (withGap)
                {
                    writer.WriteNumber("rho", row.Rho!.Value);
                    writer.WriteNumber("gap", row.Gap!.Value);
                }

                if (withMisalignment)
                {
                    writer.WriteNumber("delta", row.Misalignment!.Value);
                    writer.WriteNumber("m_in", row.InputGeometryCovered!.Value);
                    writer.WriteNumber("delta_misaligned", row.DeltaMisaligned!.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private void WriteTable(TextWriter output)
    {
        var table = new Table().Border(TableBorder.Simple);
        var columns = new List<string> { "k", "N", "m*(k)", "limit", "greedy", "δ_N(1,k)", "δ(1,k)" };
        if (withGap)
        {
            columns.Add("ρ·δ_N");
        }

        if (withMisalignment)
        {
            columns.AddRange(["m_in(k;Δ)", "δ(Δ,k)"]);
        }

        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
        }

        foreach (TheoryRow row in rows)
        {
            var cells = new List<string>
            {
                row.K.ToString(CultureInfo.InvariantCulture),
                row.PoolSize.ToString(CultureInfo.InvariantCulture),
                Format(row.ExpectedCovered),
                Format(row.ExpectedCoveredLimit),
                row.GreedyCovered.ToString(CultureInfo.InvariantCulture),
                Format(row.DeltaN),
                Format(row.DeltaLimit),
            };
            if (withGap)
            {
                cells.Add(Format(row.Gap!.Value));
            }

            if (withMisalignment)
            {
                cells.AddRange([Format(row.InputGeometryCovered!.Value), Format(row.DeltaMisaligned!.Value)]);
            }

            table.AddRow(cells.ToArray());
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        string modes = equalModes ? $"r = {rows[0].Sizes.Length} equal modes of m = {rows[0].Sizes[0]}" : $"r = {rows[0].Sizes.Length} modes of sizes {string.Join(',', rows[0].Sizes)}";
        string extra = withGap ? $", ρ = {Format(rows[0].Rho!.Value)}" : "";
        extra += withMisalignment ? $", Δ = {Format(rows[0].Misalignment!.Value)}" : "";
        console.WriteLine(modes + extra);
        console.Write(table);
    }

    private static string Format(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
