using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommunityToolkit.HighPerformance;
using FastCoverage.Diagnostics;
using FastCoverage.Kernels;
using FastCoverage.Selection;
using Spectre.Console;

namespace FastCoverage.Cli;

/// <summary>
/// <c>fastcoverage diagnose</c>: the redundancy diagnostics of a feature file (effective rank, coherence, off-diagonal
/// Gram mass; with labels, block contrast and label alignment) as a table on stdout, or JSON with <c>--json</c>.
/// </summary>
internal static class DiagnoseCommand
{
    internal static Command Create(CliContext context)
    {
        var input = new Option<string>("--input") { Description = "Features X (n×d) as .npy or .csv.", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Mode or class labels (n) as .npy or .csv: adds block contrast and label alignment." };
        var kernel = new Option<string>("--kernel") { Description = "Gram kernel for the pairwise diagnostics: linear, cosine or rbf.", DefaultValueFactory = _ => "cosine" };
        var gamma = new Option<float?>("--gamma") { Description = "RBF bandwidth γ > 0; default 1/d." };
        var maxPairwise = new Option<int>("--max-pairwise") { Description = "Pairwise diagnostics (O(n²d)) use a seeded uniform sample of this many rows when n is larger.", DefaultValueFactory = _ => 20000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of that sample.", DefaultValueFactory = _ => 0UL };
        var selection = new Option<string?>("--selection") { Description = "A selection (result.json \"indices\" or a JSON array) whose covered labels to count; needs --labels." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("diagnose", "Print redundancy diagnostics of a feature file: effective rank, coherence, off-diagonal Gram mass, block contrast.")
        {
            input, labels, kernel, gamma, maxPairwise, seed, selection, json,
        };
        command.SetAction(parse =>
        {
            KernelKind kind = Kernel.ParseKind(parse.GetValue(kernel)!);
            if (kind == KernelKind.SquaredEuclidean)
            {
                throw new CliUsageException("--kernel sqeuclidean is a distance, not a Gram; use linear, cosine or rbf.");
            }

            float? g = parse.GetValue(gamma);
            if (g is { } value && (!float.IsFinite(value) || value <= 0f || kind != KernelKind.Rbf))
            {
                throw new CliUsageException($"--gamma must be a finite positive number and applies only to --kernel rbf; got {value.ToString(CultureInfo.InvariantCulture)}.");
            }

            int limit = parse.GetValue(maxPairwise);
            if (limit < 2)
            {
                throw new CliUsageException($"--max-pairwise must be at least 2, not {limit}.");
            }

            Memory2D<float> x = CommandFiles.ReadMatrix(parse.GetValue(input)!, "--input");
            string? labelsPath = parse.GetValue(labels);
            int[]? y = labelsPath is null ? null : CommandFiles.ReadLabels(labelsPath, "--labels");
            if (y is not null && y.Length != x.Height)
            {
                throw new CliUsageException($"--labels '{labelsPath}' has {y.Length} labels but --input has {x.Height} rows.");
            }

            string? selectionPath = parse.GetValue(selection);
            if (selectionPath is not null && y is null)
            {
                throw new CliUsageException("--selection needs --labels: it counts the labels the selection covers.");
            }

            int[]? selected = selectionPath is null ? null : ReadSelection(CommandFiles.RequireInput(selectionPath, "--selection"), x.Height);
            if (x.Height < 2)
            {
                throw new CliUsageException($"--input has {x.Height} row; the diagnostics need at least two points.");
            }

            Diagnosis diagnosis = context.WithProgress("diagnose", report =>
                Diagnose(x, y, new Kernel(kind, g), limit, parse.GetValue(seed), report));
            if (selected is not null)
            {
                diagnosis = diagnosis with { Selected = selected.Length, LabelsCovered = LabelCoverage.Count(y, selected) };
            }
            if (parse.GetValue(json))
            {
                WriteJson(context.Out, diagnosis);
            }
            else
            {
                WriteTable(context.Out, diagnosis);
            }

            return CliApp.ExitOk;
        });
        return command;
    }

    private sealed record Diagnosis(int Points, int Features, string Kernel, int Sampled, ulong Seed, EffectiveRankResult Rank, CoherenceResult Coherence, GramStructureResult Structure)
    {
        public int? Selected { get; init; }

        public int? LabelsCovered { get; init; }
    }

    /// <summary>Reads selected indices: whole numbers in [0, n), naming the file and position otherwise.</summary>
    private static int[] ReadSelection(string path, int n)
    {
        double[] numbers = FastCoverage.IO.JsonResult.ReadNumbers(path, "indices");
        var indices = new int[numbers.Length];
        for (int p = 0; p < numbers.Length; p++)
        {
            double v = numbers[p];
            if (v != Math.Floor(v) || v < 0 || v >= n)
            {
                throw new InvalidDataException($"'{path}': index {v.ToString(CultureInfo.InvariantCulture)} at position {p} is not a whole number in [0, {n}).");
            }

            indices[p] = (int)v;
        }

        return indices;
    }

    private static Diagnosis Diagnose(Memory2D<float> x, int[]? labels, Kernel kernel, int limit, ulong seed, Action<double> report)
    {
        EffectiveRankResult rank = EffectiveRank.Compute(x.Span);
        report(0.1);
        ReadOnlyMemory2D<float> pairwise = x;
        int[]? pairLabels = labels;
        int[]? sample = null;
        if (x.Height > limit)
        {
            sample = RandomSubset.Select(x.Height, limit, seed);
            Array.Sort(sample);
            var rows = new float[limit, x.Width];
            var view = new Span2D<float>(rows);
            for (int r = 0; r < limit; r++)
            {
                x.Span.GetRowSpan(sample[r]).CopyTo(view.GetRowSpan(r));
            }

            pairwise = rows;
            pairLabels = labels is null ? null : Array.ConvertAll(sample, i => labels[i]);
        }

        CoherenceResult coherence = Coherence.Compute(pairwise.Span);
        if (sample is not null)
        {
            coherence = coherence with { First = sample[coherence.First], Second = sample[coherence.Second] };
        }

        report(0.55);
        GramStructureResult structure = pairLabels is null
            ? GramStructure.Compute(pairwise.Span, kernel)
            : GramStructure.Compute(pairwise.Span, kernel, pairLabels);
        report(1.0);
        string kernelName = kernel.Kind == KernelKind.Rbf
            ? $"rbf (gamma {kernel.ResolveGamma(x.Width).ToString("R", CultureInfo.InvariantCulture)})"
            : kernel.Kind.ToString().ToLowerInvariant();
        return new Diagnosis(x.Height, x.Width, kernelName, pairwise.Height, seed, rank, coherence, structure);
    }

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("G6", CultureInfo.InvariantCulture);

    private static void WriteTable(TextWriter output, Diagnosis d)
    {
        var table = new Table().AddColumn("diagnostic").AddColumn(new TableColumn("value").RightAligned()).AddColumn("definition");
        void Row(string name, string value, string definition) => table.AddRow(Markup.Escape(name), Markup.Escape(value), Markup.Escape(definition));
        Row("points", d.Points.ToString(CultureInfo.InvariantCulture), "n");
        Row("features", d.Features.ToString(CultureInfo.InvariantCulture), "d");
        Row("effective rank", Format(d.Rank.ParticipationRatio), "(Σλ)²/Σλ² of XᵀX/n");
        Row("effective rank (entropy)", Format(d.Rank.EntropyRank), "exp H(λ/Σλ)");
        string scope = d.Sampled == d.Points ? "all points" : $"sample of {d.Sampled} (seed {d.Seed})";
        Row("pairwise over", scope, $"kernel {d.Kernel}");
        Row("coherence", Format(d.Coherence.Value), $"max |cos| over i≠j, at ({d.Coherence.First}, {d.Coherence.Second})");
        Row("off-diagonal mass", Format(d.Structure.OffDiagonalMass), "Σ_{i≠j} G² / Σ G²");
        Row("mean off-diagonal", Format(d.Structure.MeanOffDiagonal), "mean G_ij, i≠j");
        if (d.Structure.Classes > 0)
        {
            Row("classes", d.Structure.Classes.ToString(CultureInfo.InvariantCulture), "distinct labels");
            Row("within-block mean", Format(d.Structure.WithinBlockMean), "mean G_ij, i≠j, same label");
            Row("between-block mean", Format(d.Structure.BetweenBlockMean), "mean G_ij, different labels");
            Row("block contrast", Format(d.Structure.BlockContrast), "within − between");
            Row("label alignment", Format(d.Structure.LabelAlignment), "A(G, 1[yᵢ=yⱼ])");
        }

        if (d.LabelsCovered is { } covered)
        {
            Row("labels covered", $"{covered} of {d.Structure.Classes}", $"distinct labels among the {d.Selected} selected");
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Write(table);
    }

    private static void WriteJson(TextWriter output, Diagnosis d)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            void Number(string name, double value)
            {
                if (double.IsNaN(value))
                {
                    writer.WriteNull(name);
                }
                else
                {
                    writer.WriteNumber(name, value);
                }
            }

            writer.WriteStartObject();
            writer.WriteNumber("points", d.Points);
            writer.WriteNumber("features", d.Features);
            Number("effectiveRank", d.Rank.ParticipationRatio);
            Number("effectiveRankEntropy", d.Rank.EntropyRank);
            writer.WriteString("kernel", d.Kernel);
            writer.WriteNumber("pairwisePoints", d.Sampled);
            writer.WriteNumber("seed", d.Seed);
            Number("coherence", d.Coherence.Value);
            writer.WriteStartArray("coherencePair");
            writer.WriteNumberValue(d.Coherence.First);
            writer.WriteNumberValue(d.Coherence.Second);
            writer.WriteEndArray();
            Number("offDiagonalMass", d.Structure.OffDiagonalMass);
            Number("meanOffDiagonal", d.Structure.MeanOffDiagonal);
            if (d.Structure.Classes > 0)
            {
                writer.WriteNumber("classes", d.Structure.Classes);
                Number("withinBlockMean", d.Structure.WithinBlockMean);
                Number("betweenBlockMean", d.Structure.BetweenBlockMean);
                Number("blockContrast", d.Structure.BlockContrast);
                Number("labelAlignment", d.Structure.LabelAlignment);
            }

            if (d.LabelsCovered is { } covered)
            {
                writer.WriteNumber("selected", d.Selected!.Value);
                writer.WriteNumber("labelsCovered", covered);
            }

            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
