using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;

namespace FastCoverage.Cli;

/// <summary>
/// <c>fastcoverage select</c>: picks k points of a feature file and writes
/// <c>{"method", "k", "indices", "gains", "objective"}</c> (indices in selection order; objective where defined;
/// k-center adds "radii").
/// </summary>
internal static class SelectCommand
{
    internal static Command Create(CliContext context)
    {
        var input = new Option<string>("--input") { Description = "Features X (n×d) as .npy or .csv (required except for top-k and balanced-top-k, which need only --scores)." };
        var k = new Option<int>("--k") { Description = "How many points to select.", Required = true };
        var method = new Option<string>("--method") { Description = "facility-location (default), k-center, random, top-k or balanced-top-k.", DefaultValueFactory = _ => "facility-location" };
        var optimizer = new Option<string?>("--optimizer") { Description = "Facility location: lazy (default), naive or stochastic." };
        var kernel = new Option<string?>("--kernel") { Description = "Facility location: rbf (default), cosine (as (1 + cos)/2) or linear (clamped at 0)." };
        var gamma = new Option<float?>("--gamma") { Description = "RBF bandwidth γ > 0; default 1/d." };
        var neighbors = new Option<int?>("--neighbors") { Description = "Facility location on a sparse graph of this many nearest neighbours per point." };
        var represented = new Option<string?>("--represented") { Description = "Facility location: the represented set U (.npy or .csv, d columns); default the pool." };
        var initial = new Option<string?>("--initial") { Description = "Facility location: a warm start, a JSON file with \"indices\" (or a bare array)." };
        var scores = new Option<string?>("--scores") { Description = "top-k, balanced-top-k: one score per row (values.json, .npy or .csv)." };
        var labels = new Option<string?>("--labels") { Description = "balanced-top-k: one class label per row (.npy or .csv)." };
        var start = new Option<int?>("--start") { Description = "k-center: the first centre's row (default: drawn with --seed)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of stochastic greedy, random selection and k-center's start (default 0)." };
        var epsilon = new Option<double?>("--epsilon") { Description = "Stochastic greedy's ε in (0, 1) (default 0.01)." };
        var output = new Option<string?>("--output") { Description = "result.json; its folder is created if missing. Default: print the JSON." };
        var command = new Command("select", "Select k points: facility location (coverage), k-center, random, top-k or class-balanced top-k.")
        {
            input, k, method, optimizer, kernel, gamma, neighbors, represented, initial, scores, labels, start, seed, epsilon, output,
        };
        command.SetAction(parse =>
        {
            string? outputPath = parse.GetValue(output) is { } o ? CommandFiles.CheckOutput(o, "--output", ".json") : null;
            var request = new SelectRequest(
                parse.GetValue(method)!.Trim().ToLowerInvariant(),
                parse.GetValue(k),
                parse.GetValue(optimizer),
                parse.GetValue(kernel),
                parse.GetValue(gamma),
                parse.GetValue(neighbors),
                parse.GetValue(represented),
                parse.GetValue(initial),
                parse.GetValue(scores),
                parse.GetValue(labels),
                parse.GetValue(start),
                parse.GetValue(seed),
                parse.GetValue(epsilon));
            SelectMethods.CheckOptions(request);
            string? inputPath = parse.GetValue(input);
            if (inputPath is null && !SelectMethods.ScoresOnly(request.Method))
            {
                throw new CliUsageException($"Option '--input' is required for --method {request.Method}.");
            }

            // Assigned separately: `cond ? null : matrix` would turn null into an empty Memory2D through its implicit conversion from T[,].
            Memory2D<float>? x = null;
            if (inputPath is not null)
            {
                x = CommandFiles.ReadMatrix(inputPath, "--input");
            }
            SelectOutcome outcome = SelectMethods.Run(context, x, request);
            WriteResult(context, outputPath, request, outcome);
            return CliApp.ExitOk;
        });
        return command;
    }

    private static void WriteResult(CliContext context, string? outputPath, SelectRequest request, SelectOutcome outcome)
    {
        void Body(Utf8JsonWriter w)
        {
            w.WriteString("method", request.Method);
            w.WriteNumber("k", request.K);
            WriteArray(w, "indices", outcome.Indices.Select(i => (double)i));
            WriteArray(w, "gains", outcome.Gains);
            if (outcome.Objective is { } f)
            {
                w.WriteNumber("objective", f);
            }

            if (outcome.Radii is { } radii)
            {
                WriteArray(w, "radii", radii);
            }
        }

        if (outputPath is null)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                Body(writer);
                writer.WriteEndObject();
            }

            context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        CommandFiles.CreateOutputFolder(outputPath);
        JsonResult.Write(outputPath, Body);
        string objectiveText = outcome.Objective is { } value ? $", objective {value.ToString("R", CultureInfo.InvariantCulture)}" : "";
        context.Out.WriteLine($"wrote {outputPath}: {request.Method} selected {outcome.Indices.Count} points{objectiveText}");
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
