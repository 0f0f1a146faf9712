using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Kernels;

namespace FastCoverage.Tests.Examples;

/// <summary>Tests that change process-wide state (current directory, console) run alone.</summary>
[CollectionDefinition(nameof(ProcessStateCollection), DisableParallelization = true)]
public sealed class ProcessStateCollection;

[Collection(nameof(ProcessStateCollection))]
public class ReadmeSnippetTests
{
    [Fact]
    public void Readme_library_example_is_this_code_and_it_runs_and_prints_exp_of_minus_one_half()
    {
        string root = BlobsExample.RepositoryRoot();
        string previousDirectory = Environment.CurrentDirectory;
        TextWriter previousOut = Console.Out;
        var printed = new StringWriter();
        try
        {
            Environment.CurrentDirectory = root;
            Console.SetOut(printed);
            Snippet();
        }
        finally
        {
            Console.SetOut(previousOut);
            Environment.CurrentDirectory = previousDirectory;
        }

        Assert.Equal(Math.Exp(-0.5), double.Parse(printed.ToString().Trim(), System.Globalization.CultureInfo.InvariantCulture), 1e-6);
        string written = Path.Combine(Path.GetTempPath(), "blobs-gram.npy");
        Assert.Equal([600, 600], Npy.Read(written).Shape);
        File.Delete(written);

        Assert.Equal(SnippetLines(SourceFile()), ReadmeCSharpLines(Path.Combine(root, "README.md")));
    }

    private static void Snippet()
    {
        // README BEGIN
        float[,] x = { { 0f, 1f }, { 1f, 0f }, { 1f, 1f } };
        Memory2D<float> k = Gram.ComputeSymmetric(new ReadOnlyMemory2D<float>(x), Kernel.Rbf(gamma: 0.5f));
        Console.WriteLine(k.Span[0, 2]); // exp(-0.5 * |x0 - x2|^2) = exp(-0.5)

        // Files: features from .npy or .csv (header and delimiter detected), results as .npy, written atomically.
        Memory2D<float> features = MatrixFile.ReadMatrix("examples/blobs.csv");
        Memory2D<float> gram = Gram.ComputeSymmetric(features, Kernel.Rbf());
        Npy.Write(Path.Combine(Path.GetTempPath(), "blobs-gram.npy"), gram.Span);
        // README END
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;

    private static string[] SnippetLines(string sourcePath)
    {
        string[] lines = File.ReadAllLines(sourcePath);
        int begin = Array.FindIndex(lines, l => l.Trim() == "// README BEGIN");
        int end = Array.FindIndex(lines, l => l.Trim() == "// README END");
        return lines[(begin + 1)..end].Select(l => l.Trim()).ToArray();
    }

    /// <summary>The statements of the README's C# block (its using directives are the test file's own).</summary>
    private static string[] ReadmeCSharpLines(string readmePath)
    {
        string[] lines = File.ReadAllLines(readmePath);
        int begin = Array.IndexOf(lines, "```csharp");
        int end = Array.IndexOf(lines, "```", begin + 1);
        return lines[(begin + 1)..end].Where(l => !l.StartsWith("using ", StringComparison.Ordinal)).SkipWhile(string.IsNullOrWhiteSpace).Select(l => l.Trim()).ToArray();
    }
}
