using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Tests.Cli;
using FastCoverage.Tests.IO;

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
    public void Readme_main_command_runs_on_the_example_and_creates_the_output_folder()
    {
        using var folder = new TempFolder();
        string output = Path.Combine(folder.Path, "out", "K.npy");
        var (exit, _, error) = CliRun.Run("gram", "--input", Example("blobs.csv"), "--kernel", "rbf", "--output", output);
        Assert.True(exit == 0, error);
        NpyArray k = Npy.Read(output);
        Assert.Equal([600, 600], k.Shape);
    }
}
