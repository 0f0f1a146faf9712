using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Cli;

/// <summary>
/// <c>fastcoverage select</c>: picks k points of a feature file and writes
/// <c>{"method", "k", "indices", "gains", "objective"}</c> (indices in selection order; objective where defined).
/// </summary>
internal static class SelectCommand
{
    /// <summary>Above this many similarities (1 GiB of float32), facility location streams kernel columns instead of storing them.</summary>
    private const long DenseLimit = 1L << 28;

    private sealed record Request(
        string Method,
        int K,
        string Optimizer,
        KernelKind Kernel,
        float? Gamma,
        int? Neighbors,
        string? Represented,
        string? Initial,
        string? Scores,
        string? Labels,
        int? Start,
        int Seed,
        double Epsilon);

    internal static Command Create(CliContext context)
    {
        var input = new Option<string>("--input") { Description = "Features X (n×d) as .npy or .csv.", Required = true };
        var k = new Option<int>("--k") { Description = "How many points to select.", Required = true };
        var method = new Option<string>("--method") { Description = "facility-location (default).", DefaultValueFactory = _ => "facility-location" };
        var optimizer = new Option<string>("--optimizer") { Description = "Facility location: lazy (default), naive or stochastic.", DefaultValueFactory = _ => "lazy" };
        var kernel = new Option<string>("--kernel") { Description = "Facility location: rbf (default), cosine ((1 + cos)/2) or linear (clamped at 0).", DefaultValueFactory = _ => "rbf" };
        var gamma = new Option<float?>("--gamma") { Description = "RBF bandwidth γ > 0; default 1/d." };
        var neighbors = new Option<int?>("--neighbors") { Description = "Facility location on a sparse graph of this many nearest neighbours per point." };
        var represented = new Option<string?>("--represented") { Description = "Facility location: the represented set U (.npy or .csv, d columns); default the pool." };
        var initial = new Option<string?>("--initial") { Description = "Facility location: a warm start, a JSON file with \"indices\" (or a bare array)." };
        var scores = new Option<string?>("--scores") { Description = "Per-point scores (values.json or .npy/.csv) for top-k and balanced-top-k." };
        var labels = new Option<string?>("--labels") { Description = "Class labels (.npy or .csv) for balanced-top-k." };
        var start = new Option<int?>("--start") { Description = "k-center: the first index." };
        var seed = new Option<int>("--seed") { Description = "Seed of stochastic greedy and random selection.", DefaultValueFactory = _ => 0 };
        var epsilon = new Option<double>("--epsilon") { Description = "Stochastic greedy's ε in (0, 1).", DefaultValueFactory = _ => 0.01 };
        var output = new Option<string?>("--output") { Description = "result.json; its folder is created if missing. Default: print the JSON." };
        var command = new Command("select", "Select k points: facility location (coverage).")
        {
            input, k, method, optimizer, kernel, gamma, neighbors, represented, initial, scores, labels, start, seed, epsilon, output,
        };
        command.SetAction(parse =>
        {
            string? outputPath = parse.GetValue(output) is { } o ? CommandFiles.CheckOutput(o, "--output", ".json") : null;
            var request = new Request(
                parse.GetValue(method)!.Trim().ToLowerInvariant(),
                parse.GetValue(k),
                parse.GetValue(optimizer)!.Trim().ToLowerInvariant(),
                Kernel.ParseKind(parse.GetValue(kernel)!),
                parse.GetValue(gamma),
                parse.GetValue(neighbors),
                parse.GetValue(represented),
                parse.GetValue(initial),
                parse.GetValue(scores),
                parse.GetValue(labels),
                parse.GetValue(start),
                parse.GetValue(seed),
                parse.GetValue(epsilon));
            if (request.Method != "facility-location")
            {
                throw new CliUsageException($"--method '{request.Method}' is unknown: expected facility-location.");
            }

            CheckOptionsApply(request);
            Memory2D<float> x = CommandFiles.ReadMatrix(parse.GetValue(input)!, "--input");
            FacilityLocationResult result = SelectFacilityLocation(context, x, request);
            WriteResult(context, outputPath, request.Method, request.K, result.Indices, result.Gains, result.Objective);
            return CliApp.ExitOk;
        });
        return command;
    }

    /// <summary>Rejects options that do not apply to the method instead of silently ignoring them.</summary>
    private static void CheckOptionsApply(Request r)
    {
        if (r.Scores is not null || r.Labels is not null || r.Start is not null)
        {
            throw new CliUsageException("--scores, --labels and --start do not apply to facility-location.");
        }

        if (r.Gamma is { } g && (!float.IsFinite(g) || g <= 0f))
        {
            throw new CliUsageException($"--gamma must be a finite positive number, not {g.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (r.Gamma is not null && r.Kernel != KernelKind.Rbf)
        {
            throw new CliUsageException("--gamma applies only to --kernel rbf.");
        }
    }

    private static FacilityLocationResult SelectFacilityLocation(CliContext context, Memory2D<float> x, Request r)
    {
        FacilityLocationOptimizer optimizer = r.Optimizer switch
        {
            "lazy" => FacilityLocationOptimizer.Lazy,
            "naive" => FacilityLocationOptimizer.Naive,
            "stochastic" => FacilityLocationOptimizer.Stochastic,
            _ => throw new CliUsageException($"--optimizer '{r.Optimizer}' is unknown: expected lazy, naive or stochastic."),
        };
        ReadOnlyMemory2D<float> u = r.Represented is null ? default : CommandFiles.ReadMatrix(r.Represented, "--represented");
        int representedCount = u.IsEmpty ? x.Height : u.Height;
        SimilarityStorage storage = r.Neighbors is not null ? SimilarityStorage.NearestNeighbors
            : (long)representedCount * x.Height <= DenseLimit ? SimilarityStorage.Dense : SimilarityStorage.Streaming;
        var similarity = new FeatureSimilarity(x, new Kernel(r.Kernel, r.Gamma)) { Represented = u, Storage = storage, Neighbors = r.Neighbors ?? 0 };
        int[]? initial = r.Initial is null ? null : ReadIndices(r.Initial, "--initial");
        return context.WithProgress("select", report => FacilityLocation.Maximize(similarity, r.K, new FacilityLocationOptions
        {
            Optimizer = optimizer,
            Epsilon = r.Epsilon,
            Seed = r.Seed,
            InitialSubset = initial,
            Progress = report,
        }));
    }

    /// <summary>Reads the "indices" of a selection JSON (or a bare array) as integers.</summary>
    private static int[] ReadIndices(string path, string option)
    {
        double[] numbers = JsonResult.ReadNumbers(CommandFiles.RequireInput(path, option), "indices");
        int[] indices = new int[numbers.Length];
        for (int t = 0; t < numbers.Length; t++)
        {
            if (numbers[t] != Math.Floor(numbers[t]) || numbers[t] < 0 || numbers[t] > int.MaxValue)
            {
                throw new InvalidDataException($"{option} '{path}': entry {t} is {numbers[t].ToString(CultureInfo.InvariantCulture)}, not a nonnegative integer index.");
            }

            indices[t] = (int)numbers[t];
        }

        return indices;
    }

    private static void WriteResult(CliContext context, string? outputPath, string method, int k, IReadOnlyList<int> indices, IReadOnlyList<double> gains, double? objective)
    {
        void Body(Utf8JsonWriter w)
        {
            w.WriteString("method", method);
            w.WriteNumber("k", k);
            w.WriteStartArray("indices");
            foreach (int i in indices)
            {
                w.WriteNumberValue(i);
            }

            w.WriteEndArray();
            w.WriteStartArray("gains");
            foreach (double g in gains)
            {
                w.WriteNumberValue(g);
            }

            w.WriteEndArray();
            if (objective is { } f)
            {
                w.WriteNumber("objective", f);
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
        string objectiveText = objective is { } value ? $", objective {value.ToString("R", CultureInfo.InvariantCulture)}" : "";
        context.Out.WriteLine($"wrote {outputPath}: {method} selected {indices.Count} points{objectiveText}");
    }
}
