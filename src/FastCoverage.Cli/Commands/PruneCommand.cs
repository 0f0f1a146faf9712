using System.CommandLine;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Lp;
using FastCoverage.Lp.IO;
using FastCoverage.Valuation.Learners;

namespace FastCoverage.Cli;

/// <summary>
/// <c>fastcoverage prune</c>: solve the relaxed CDVM LP on an attribution matrix for a budget S, with given α and κ or
/// by a grid search scored by the validation accuracy of a ridge probe retrained on each selection; writes
/// result.json <c>{"selected", "w", "objective", "status", "alpha", "kappa", "keep", "iterations"}</c>
/// (plus "validation_accuracy" with --grid).
/// </summary>
internal static class PruneCommand
{
    private static readonly double[] DefaultAlphas = [0.1, 0.3, 0.5, 0.7];
    private static readonly double[] DefaultKappas = [0.05, 0.1, 0.2, 0.5, 1.0];

    internal static Command Create(CliContext context)
    {
        var attribution = new Option<string>("--attribution") { Description = "The attribution matrix T (n×m) as .npy or .mtx.", Required = true };
        var keep = new Option<int?>("--keep") { Description = "The budget S: number of train points to keep." };
        var keepFraction = new Option<double?>("--keep-fraction") { Description = "The budget as a fraction of n in (0, 1]; S = max(1, round(F·n))." };
        var alpha = new Option<double?>("--alpha") { Description = "α ∈ [0, 1]: weight of total value against the penalty on excess over κ." };
        var kappa = new Option<double?>("--kappa") { Description = "κ ≥ 0: soft cap on each test point's value." };
        var grid = new Option<bool>("--grid") { Description = "Choose (α, κ) on a grid by validation accuracy (needs --input, --labels, --valid, --valid-labels)." };
        var alphas = new Option<double[]>("--alphas") { Description = "α values of the grid.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => DefaultAlphas };
        var kappas = new Option<double[]>("--kappas") { Description = "κ values of the grid.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => DefaultKappas };
        var input = new Option<string?>("--input") { Description = "Train features X (n×d) for the grid's ridge probe." };
        var labels = new Option<string?>("--labels") { Description = "Train labels (n) for the grid's ridge probe." };
        var valid = new Option<string?>("--valid") { Description = "Validation features for the grid's score." };
        var validLabels = new Option<string?>("--valid-labels") { Description = "Validation labels for the grid's score." };
        var ridge = new Option<double>("--ridge") { Description = "Ridge penalty λ > 0 of the grid's probe.", DefaultValueFactory = _ => 1.0 };
        var output = new Option<string>("--output") { Description = "result.json to write.", Required = true };
        var command = new Command("prune", "Select a training subset with the CDVM linear program.")
        {
            attribution, keep, keepFraction, alpha, kappa, grid, alphas, kappas, input, labels, valid, validLabels, ridge, output,
        };
        command.SetAction(parse =>
        {
            string outputPath = CommandFiles.CheckOutput(parse.GetValue(output)!, "--output", ".json");
            bool useGrid = parse.GetValue(grid);
            double? alphaValue = parse.GetValue(alpha);
            double? kappaValue = parse.GetValue(kappa);
            if (useGrid && (alphaValue is not null || kappaValue is not null))
            {
                throw new CliUsageException("give either --alpha and --kappa, or --grid, not both.");
            }

            if (!useGrid && (alphaValue is null || kappaValue is null))
            {
                throw new CliUsageException("give --alpha and --kappa, or --grid.");
            }

            CsrMatrix t = AttributionFile.Read(CommandFiles.RequireInput(parse.GetValue(attribution)!, "--attribution"));
            int budget = Budget(parse.GetValue(keep), parse.GetValue(keepFraction), t.RowCount);
            CdvmResult result;
            double? accuracy = null;
            if (useGrid)
            {
                Func<int[], double> score = ValidationScore(parse.GetValue(input), parse.GetValue(labels), parse.GetValue(valid),
                    parse.GetValue(validLabels), parse.GetValue(ridge), t.RowCount);
                double[] alphaGrid = parse.GetValue(alphas)!;
                double[] kappaGrid = parse.GetValue(kappas)!;
                CdvmGridResult search = context.WithProgress("prune grid", _ => CdvmGrid.Search(t, budget, alphaGrid, kappaGrid, score));
                result = search.Best;
                accuracy = search.BestScore;
            }
            else
            {
                using var program = new CdvmProgram(t);
                result = context.WithProgress("prune", _ => program.Solve(budget, alphaValue!.Value, kappaValue!.Value));
            }

            CommandFiles.CreateOutputFolder(outputPath);
            JsonResult.Write(outputPath, writer =>
            {
                writer.WriteStartArray("selected");
                foreach (int i in result.Selected)
                {
                    writer.WriteNumberValue(i);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("w");
                foreach (double w in result.Weights)
                {
                    writer.WriteNumberValue(w);
                }

                writer.WriteEndArray();
                writer.WriteNumber("objective", result.Objective);
                writer.WriteString("status", result.Status.ToString().ToLowerInvariant());
                writer.WriteNumber("alpha", result.Alpha);
                writer.WriteNumber("kappa", result.Kappa);
                writer.WriteNumber("keep", result.Keep);
                writer.WriteNumber("iterations", result.Iterations);
                if (accuracy is { } a)
                {
                    writer.WriteNumber("validation_accuracy", a);
                }
            });
            context.Out.WriteLine($"prune: kept {result.Keep} of {t.RowCount} (α = {result.Alpha}, κ = {result.Kappa}, objective {result.Objective:G6}) → {outputPath}");
            return CliApp.ExitOk;
        });
        return command;
    }

    private static int Budget(int? keep, double? fraction, int trainCount)
    {
        if (keep is not null && fraction is not null)
        {
            throw new CliUsageException("give --keep or --keep-fraction, not both.");
        }

        if (keep is { } s)
        {
            return s;
        }

        if (fraction is not { } f)
        {
            throw new CliUsageException("give --keep S or --keep-fraction F.");
        }

        if (!(f > 0 && f <= 1))
        {
            throw new CliUsageException($"--keep-fraction must be in (0, 1]; got {f}.");
        }

        return Math.Max(1, (int)Math.Round(f * trainCount));
    }

    /// <summary>Accuracy on the validation set of a ridge probe fitted on the selected train rows (thread-safe).</summary>
    private static Func<int[], double> ValidationScore(string? input, string? labels, string? valid, string? validLabels, double lambda, int trainCount)
    {
        if (input is null || labels is null || valid is null || validLabels is null)
        {
            throw new CliUsageException("--grid needs --input, --labels, --valid and --valid-labels.");
        }

        Memory2D<float> x = CommandFiles.ReadMatrix(input, "--input");
        int[] y = CommandFiles.ReadLabels(labels, "--labels");
        Memory2D<float> xv = CommandFiles.ReadMatrix(valid, "--valid");
        int[] yv = CommandFiles.ReadLabels(validLabels, "--valid-labels");
        if (x.Height != trainCount)
        {
            throw new CliUsageException($"--input has {x.Height} rows but the attribution matrix has {trainCount} train rows.");
        }

        if (y.Length != x.Height || yv.Length != xv.Height || xv.Width != x.Width)
        {
            throw new CliUsageException("--input/--labels and --valid/--valid-labels disagree in their shapes.");
        }

        if (y.Min() < 0 || yv.Min() < 0)
        {
            throw new CliUsageException("labels must be ≥ 0.");
        }

        int classes = Math.Max(y.Max(), yv.Max()) + 1;
        return selected => RidgeClassifier.Fit(x.Span, y, selected, classes, lambda).Accuracy(xv.Span, yv);
    }
}
