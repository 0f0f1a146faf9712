using System.CommandLine;
using FastCoverage.IO;
using FastCoverage.Lp;
using FastCoverage.Lp.Attribution;
using FastCoverage.Lp.IO;

namespace FastCoverage.Cli;

/// <summary>
/// <c>fastcoverage attribution</c>: the CDVM attribution matrix T (n train × m test) by maximum sample reuse, written
/// dense (.npy) or sparse (.mtx), optionally keeping only the largest q % of entries, and optionally the Data
/// Banzhaf values from the same samples.
/// </summary>
internal static class AttributionCommand
{
    internal static Command Create(CliContext context)
    {
        var input = new Option<string>("--input") { Description = "Train features X (n×d) as .npy or .csv.", Required = true };
        var labels = new Option<string>("--labels") { Description = "Train labels y (n) as .npy or .csv.", Required = true };
        var test = new Option<string>("--test") { Description = "Test (or validation) features (m×d) as .npy or .csv.", Required = true };
        var testLabels = new Option<string>("--test-labels") { Description = "Test labels (m) as .npy or .csv.", Required = true };
        var models = new Option<int>("--models") { Description = "Number of sampled subsets (models trained) R.", DefaultValueFactory = _ => 5000 };
        var probability = new Option<double>("--p") { Description = "Inclusion probability p of each train point in a subset, in (0, 1).", DefaultValueFactory = _ => 0.03 };
        var keepEntries = new Option<double>("--keep-entries") { Description = "Keep the largest Q % of |entries| (0 < Q ≤ 100; 100 keeps all).", DefaultValueFactory = _ => 100.0 };
        var learner = new Option<string>("--learner") { Description = "ridge (default) or knn.", DefaultValueFactory = _ => "ridge" };
        var ridge = new Option<double>("--ridge") { Description = "Ridge penalty λ > 0.", DefaultValueFactory = _ => 1.0 };
        var neighbors = new Option<int>("--neighbors") { Description = "k of the knn learner.", DefaultValueFactory = _ => 5 };
        var seed = new Option<long>("--seed") { Description = "Seed of the subset sampling.", DefaultValueFactory = _ => 0L };
        var output = new Option<string>("--output") { Description = "T.npy (dense) or T.mtx (sparse MatrixMarket) to write.", Required = true };
        var banzhaf = new Option<string?>("--banzhaf") { Description = "Also write the Data Banzhaf values (row means of T, same samples) to this values.json." };
        var command = new Command("attribution", "Estimate the CDVM attribution matrix by maximum sample reuse.")
        {
            input, labels, test, testLabels, models, probability, keepEntries, learner, ridge, neighbors, seed, output, banzhaf,
        };
        command.SetAction(parse =>
        {
            string outputPath = parse.GetValue(output)!;
            if (!outputPath.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) && !outputPath.EndsWith(".mtx", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliUsageException($"--output '{outputPath}' must be a .npy or .mtx file.");
            }

            double percent = parse.GetValue(keepEntries);
            if (!(percent > 0 && percent <= 100))
            {
                throw new CliUsageException($"--keep-entries must be in (0, 100]; got {percent}.");
            }

            string? banzhafPath = parse.GetValue(banzhaf) is { } b ? CommandFiles.CheckOutput(b, "--banzhaf", ".json") : null;
            string learnerName = parse.GetValue(learner)!.Trim().ToLowerInvariant();
            if (learnerName is not ("ridge" or "knn"))
            {
                throw new CliUsageException($"--learner must be ridge or knn; got '{learnerName}'.");
            }

            var x = CommandFiles.ReadMatrix(parse.GetValue(input)!, "--input");
            int[] y = CommandFiles.ReadLabels(parse.GetValue(labels)!, "--labels");
            var xt = CommandFiles.ReadMatrix(parse.GetValue(test)!, "--test");
            int[] yt = CommandFiles.ReadLabels(parse.GetValue(testLabels)!, "--test-labels");
            ClassifierSubsetLearner experiment = learnerName == "ridge"
                ? ClassifierSubsetLearner.Ridge(x, y, xt, yt, parse.GetValue(ridge))
                : ClassifierSubsetLearner.Knn(x, y, xt, yt, parse.GetValue(neighbors));
            int modelCount = parse.GetValue(models);
            double p = parse.GetValue(probability);
            long seedValue = parse.GetValue(seed);
            AttributionEstimate estimate = context.WithProgress("attribution",
                report => MaximumSampleReuse.Estimate(experiment, modelCount, p, seedValue, progress: report));
            CsrMatrix t = estimate.ToSparse(percent);
            CommandFiles.CreateOutputFolder(outputPath);
            AttributionFile.Write(outputPath, t);
            if (banzhafPath is not null)
            {
                CommandFiles.CreateOutputFolder(banzhafPath);
                JsonResult.Write(banzhafPath, writer =>
                {
                    writer.WriteString("method", "banzhaf-msr");
                    writer.WriteNumber("seed", seedValue);
                    writer.WriteNumber("models", modelCount);
                    writer.WriteStartArray("values");
                    foreach (double value in estimate.Banzhaf)
                    {
                        writer.WriteNumberValue(value);
                    }

                    writer.WriteEndArray();
                });
            }
            context.Out.WriteLine($"attribution: {t.RowCount} × {t.ColumnCount}, {t.NonZeroCount} entries kept, {modelCount} models → {outputPath}");
            return CliApp.ExitOk;
        });
        return command;
    }
}
