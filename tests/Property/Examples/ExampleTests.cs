using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Tests.Cli;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Examples;

public class ExampleTests
{
    private static string Example(string name) => Path.Combine(BlobsExample.RepositoryRoot(), "examples", name);

    [Fact]
    public void Shipped_blobs_example_is_exactly_what_the_generator_writes()
    {
        var (features, labels) = BlobsExample.Generate();
        if (Environment.GetEnvironmentVariable("FASTCOVERAGE_WRITE_EXAMPLES") == "1")
        {
            File.WriteAllText(Example("blobs.csv"), features);
            File.WriteAllText(Example("blobs-labels.csv"), labels);
        }

        Assert.Equal(features, File.ReadAllText(Example("blobs.csv")).ReplaceLineEndings("\n"));
        Assert.Equal(labels, File.ReadAllText(Example("blobs-labels.csv")).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Blobs_example_reads_as_600_by_8_features_with_6_balanced_labels()
    {
        Memory2D<float> x = MatrixFile.ReadMatrix(Example("blobs.csv"));
        int[] labels = MatrixFile.ReadLabels(Example("blobs-labels.csv"));
        Assert.Equal((600, 8), (x.Height, x.Width));
        Assert.Equal(600, labels.Length);
        Assert.All(labels.CountBy(l => l), pair => Assert.Equal(100, pair.Value));
    }

    [Fact]
    public void Readme_main_command_runs_on_the_example_and_its_first_six_picks_cover_all_six_blobs()
    {
        // The README's main command, as written there, with its output redirected into a fresh folder.
        string root = BlobsExample.RepositoryRoot();
        const string prefix = "dotnet run --project src/FastCoverage.Cli -c Release -- ";
        string line = File.ReadAllLines(Path.Combine(root, "README.md")).Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        string[] args = line[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var folder = new TempFolder();
        string output = Path.Combine(folder.Path, "out", "selection.json");
        for (int a = 0; a < args.Length; a++)
        {
            if (a > 0 && args[a - 1] == "--output")
            {
                args[a] = output;
            }
            else if (args[a].StartsWith("examples/", StringComparison.Ordinal))
            {
                args[a] = Path.Combine(root, args[a]);
            }
        }

        var (exit, _, error) = CliRun.Run(args);
        Assert.True(exit == 0, error);
        int[] picks = JsonResult.ReadNumbers(output, "indices").Select(v => (int)v).ToArray();
        int[] labels = MatrixFile.ReadLabels(Example("blobs-labels.csv"));
        Assert.Equal(6, picks.Take(6).Select(i => labels[i]).Distinct().Count());
    }
}
