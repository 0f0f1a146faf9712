using System.CommandLine;
using System.Globalization;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Kernels;

namespace FastCoverage.Cli;

/// <summary><c>fastcoverage gram</c>: the symmetric Gram matrix K = k(X, X) of a feature file, written as float32 .npy.</summary>
internal static class GramCommand
{
    internal static Command Create(CliContext context)
    {
        var input = new Option<string>("--input") { Description = "Features X (n×d) as .npy or .csv.", Required = true };
        var kernel = new Option<string>("--kernel") { Description = "linear, cosine, rbf or sqeuclidean.", DefaultValueFactory = _ => "rbf" };
        var gamma = new Option<float?>("--gamma") { Description = "RBF bandwidth γ > 0 in exp(−γ‖x−y‖²); default 1/d." };
        var output = new Option<string>("--output") { Description = "K (n×n) as a float32 .npy file; its folder is created if missing.", Required = true };
        var command = new Command("gram", "Compute the symmetric Gram matrix K = k(X, X) of a feature file.") { input, kernel, gamma, output };
        command.SetAction(parse =>
        {
            string outputPath = CommandFiles.CheckOutput(parse.GetValue(output)!, "--output", ".npy");
            KernelKind kind = Kernel.ParseKind(parse.GetValue(kernel)!);
            float? g = parse.GetValue(gamma);
            if (g is { } value && (!float.IsFinite(value) || value <= 0f))
            {
                throw new CliUsageException($"--gamma must be a finite positive number, not {value.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (g is not null && kind != KernelKind.Rbf)
            {
                throw new CliUsageException($"--gamma applies only to --kernel rbf, not {parse.GetValue(kernel)}.");
            }

            Memory2D<float> x = CommandFiles.ReadMatrix(parse.GetValue(input)!, "--input");
            int n = x.Height;
            if ((long)n * n > Array.MaxLength)
            {
                throw new CliUsageException($"--input has {n} rows; the dense {n}×{n} Gram matrix is too large for one array.");
            }

            var k = new Kernel(kind, g);
            Memory2D<float> gram = context.WithProgress("gram", _ => Gram.ComputeSymmetric(x, k));
            CommandFiles.CreateOutputFolder(outputPath);
            Npy.Write(outputPath, gram.Span);
            string gammaText = kind == KernelKind.Rbf ? $", gamma {k.ResolveGamma(x.Width).ToString("R", CultureInfo.InvariantCulture)}" : "";
            context.Out.WriteLine($"wrote {outputPath}: {n}×{n} {parse.GetValue(kernel)!.Trim().ToLowerInvariant()} Gram of {n}×{x.Width} features{gammaText}");
            return CliApp.ExitOk;
        });
        return command;
    }
}
