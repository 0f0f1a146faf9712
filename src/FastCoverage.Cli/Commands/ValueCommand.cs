using System.CommandLine;
using System.Globalization;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Valuation;

namespace FastCoverage.Cli;

/// <summary>
/// <c>fastcoverage value</c>: per-point data values (LOO, Shapley, Beta Shapley, Banzhaf, Data-OOB) of a training
/// set under a utility (ridge probe, kNN or facility location), written as values.json
/// <c>{"method", "seed", "values", "std_errors" (Monte-Carlo methods), "permutations"}</c>.
/// </summary>
internal static class ValueCommand
{
    internal static Command Create(CliContext context)
    {
        var input = new Option<string>("--input") { Description = "Training features X (n×d) as .npy or .csv.", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Training labels y (n) as .npy or .csv; needed by the ridge and knn utilities and data-oob." };
        var valid = new Option<string?>("--valid") { Description = "Validation features (n_v×d): scored by ridge/knn; the represented points of facility-location (default: X)." };
        var validLabels = new Option<string?>("--valid-labels") { Description = "Validation labels (n_v)." };
        var method = new Option<string>("--method") { Description = $"One of: {string.Join(", ", ValueRequest.Methods)}.", Required = true };
        var utility = new Option<string>("--utility") { Description = "ridge, knn or facility-location (data-oob: the learner, ridge or knn).", DefaultValueFactory = _ => "ridge" };
        var kernel = new Option<string>("--kernel") { Description = "Similarity of facility-location (rbf, cosine, linear) and typicality (also sqeuclidean).", DefaultValueFactory = _ => "rbf" };
        var gamma = new Option<float?>("--gamma") { Description = "RBF bandwidth γ > 0; default 1/d." };
        var neighbors = new Option<int>("--neighbors") { Description = "k of the knn utility, knn-shapley and typicality.", DefaultValueFactory = _ => 5 };
        var ridge = new Option<double>("--ridge") { Description = "Ridge penalty λ > 0 (ridge utility and learner, leverage).", DefaultValueFactory = _ => 1.0 };
        var permutations = new Option<int>("--permutations") { Description = "Budget: permutations (shapley, beta-shapley), subsets (banzhaf) or bootstrap learners (data-oob).", DefaultValueFactory = _ => 200 };
        var tolerance = new Option<double?>("--tolerance") { Description = "Stop Monte-Carlo sampling early once every standard error is at most this." };
        var truncation = new Option<double>("--truncation") { Description = "Truncate a permutation pass once |v(D) − v(prefix)| < this (0: off).", DefaultValueFactory = _ => 0.0 };
        var alpha = new Option<double>("--alpha") { Description = "α of beta-shapley.", DefaultValueFactory = _ => 16.0 };
        var beta = new Option<double>("--beta") { Description = "β of beta-shapley.", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the Monte-Carlo methods.", DefaultValueFactory = _ => 0UL };
        var output = new Option<string>("--output") { Description = "values.json to write; its folder is created if missing.", Required = true };
        var command = new Command("value", "Compute per-point data values of a training set.")
        {
            input, labels, valid, validLabels, method, utility, kernel, gamma, neighbors, ridge, permutations, tolerance, truncation, alpha, beta, seed, output,
        };
        command.SetAction(parse =>
        {
            string outputPath = CommandFiles.CheckOutput(parse.GetValue(output)!, "--output", ".json");
            var request = new ValueRequest(
                Method: parse.GetValue(method)!.Trim().ToLowerInvariant(),
                Utility: parse.GetValue(utility)!.Trim().ToLowerInvariant(),
                Kernel: parse.GetValue(kernel)!,
                Gamma: parse.GetValue(gamma),
                Neighbors: parse.GetValue(neighbors),
                Lambda: parse.GetValue(ridge),
                Budget: parse.GetValue(permutations),
                Tolerance: parse.GetValue(tolerance),
                Truncation: parse.GetValue(truncation),
                Alpha: parse.GetValue(alpha),
                Beta: parse.GetValue(beta),
                Seed: parse.GetValue(seed));
            request.Validate();
            var data = new ValueData(
                CommandFiles.ReadMatrix(parse.GetValue(input)!, "--input"),
                parse.GetValue(labels) is { } y ? CommandFiles.ReadLabels(y, "--labels") : null,
                parse.GetValue(valid) is { } v ? CommandFiles.ReadMatrix(v, "--valid") : (Memory2D<float>?)null,
                parse.GetValue(validLabels) is { } vy ? CommandFiles.ReadLabels(vy, "--valid-labels") : null);
            ValuationResult result = context.WithProgress(request.Method, report => request.Run(data, report));
            CommandFiles.CreateOutputFolder(outputPath);
            JsonResult.Write(outputPath, writer =>
            {
                writer.WriteString("method", result.Method);
                writer.WriteNumber("seed", request.Seed);
                writer.WriteStartArray("values");
                foreach (double value in result.Values)
                {
                    writer.WriteNumberValue(value);
                }

                writer.WriteEndArray();
                if (result.StandardErrors is { } errors)
                {
                    // An estimate with fewer than two samples has no finite standard error: written as null.
                    writer.WriteStartArray("std_errors");
                    foreach (double error in errors)
                    {
                        if (double.IsFinite(error))
                        {
                            writer.WriteNumberValue(error);
                        }
                        else
                        {
                            writer.WriteNullValue();
                        }
                    }

                    writer.WriteEndArray();
                }

                writer.WriteNumber("permutations", result.Samples);
            });
            // Exact methods (LOO, enumeration, KNN-Shapley) draw no samples, so only sampled methods report a count.
            string samples = result.Samples > 0 ? $" ({result.Samples.ToString(CultureInfo.InvariantCulture)} samples)" : string.Empty;
            context.Out.WriteLine($"wrote {outputPath}: {result.Method} values of {result.Values.Length} points{samples}");
            return CliApp.ExitOk;
        });
        return command;
    }
}
