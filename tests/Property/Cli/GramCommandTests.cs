using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Cli;

public class GramCommandTests
{
    private static string WriteCsv(TempFolder folder, float[,] x, string name = "x.csv")
    {
        var lines = new List<string> { string.Join(",", Enumerable.Range(0, x.GetLength(1)).Select(j => $"f{j}")) };
        for (int i = 0; i < x.GetLength(0); i++)
        {
            lines.Add(string.Join(",", Enumerable.Range(0, x.GetLength(1)).Select(j => x[i, j].ToString("R", CultureInfo.InvariantCulture))));
        }

        string path = folder.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Theory]
    [InlineData("linear", null)]
    [InlineData("cosine", null)]
    [InlineData("rbf", null)]
    [InlineData("rbf", "0.25")]
    [InlineData("sqeuclidean", null)]
    public void Gram_command_writes_the_symmetric_gram_of_the_input_into_a_created_folder(string kernel, string? gamma)
    {
        using var folder = new TempFolder();
        float[,] x = Reference.RandomMatrix(13, 5, seed: 7);
        string input = WriteCsv(folder, x);
        string output = Path.Combine(folder.Path, "new", "sub", "K.npy");
        var args = new List<string> { "gram", "--input", input, "--kernel", kernel, "--output", output };
        if (gamma is not null)
        {
            args.AddRange(["--gamma", gamma]);
        }

        var (exit, stdout, stderr) = CliRun.Run([.. args]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("13×13", stdout);
        NpyArray k = Npy.Read(output);
        Assert.Equal([13, 13], k.Shape);
        var expected = Gram.ComputeSymmetric(new ReadOnlyMemory2D<float>(x), new Kernel(Kernel.ParseKind(kernel), gamma is null ? null : float.Parse(gamma, CultureInfo.InvariantCulture)));
        Assert.Equal(expected.ToArray().Cast<float>(), k.AsSpan<float>().ToArray());
        Assert.Equal(["K.npy"], Directory.GetFiles(Path.GetDirectoryName(output)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Default_kernel_is_rbf_with_gamma_one_over_d_and_npy_input_is_accepted()
    {
        using var folder = new TempFolder();
        float[,] x = Reference.RandomMatrix(6, 4, seed: 3);
        string input = folder.File("x.npy");
        Npy.Write(input, new ReadOnlySpan2D<float>(x));
        string output = folder.File("K.npy");
        Assert.Equal(0, CliRun.Run("gram", "--input", input, "--output", output).Exit);
        float[] k = Npy.Read(output).AsSpan<float>().ToArray();
        Assert.Equal(Math.Exp(-0.25 * Reference.SquaredDistance(x, 1, x, 4)), k[(1 * 6) + 4], 1e-5);
    }

    public static TheoryData<string[], string> BadInvocations => new()
    {
        { ["gram", "--input", "{x}", "--output", "{out}", "--frobnicate"], "--frobnicate" },
        { ["gram", "--output", "{out}"], "--input" },
        { ["gram", "--input", "{x}"], "--output" },
        { ["gram", "--input", "{dir}/absent.csv", "--output", "{out}"], "does not exist" },
        { ["gram", "--input", "{dir}", "--output", "{out}"], "is a folder" },
        { ["gram", "--input", "{ragged}", "--output", "{out}"], "row 3: the row has 1 fields but row 2 has 2" },
        { ["gram", "--input", "{nan}", "--output", "{out}"], "row 2, column 1: 'nan' is not a finite number" },
        { ["gram", "--input", "{x}", "--kernel", "laplacian", "--output", "{out}"], "Unknown kernel 'laplacian'" },
        { ["gram", "--input", "{x}", "--gamma", "-1", "--output", "{out}"], "--gamma must be a finite positive number" },
        { ["gram", "--input", "{x}", "--gamma", "abc", "--output", "{out}"], "abc" },
        { ["gram", "--input", "{x}", "--kernel", "linear", "--gamma", "0.5", "--output", "{out}"], "--gamma applies only to --kernel rbf" },
        { ["gram", "--input", "{x}", "--output", "{dir}/K.csv"], "must be a .npy file" },
        { ["gram", "--input", "{dir}/x.txt", "--output", "{out}"], "expected .npy or .csv" },
        { ["gramm"], "unrecognized command or argument 'gramm'" },
    };

    [Theory]
    [MemberData(nameof(BadInvocations))]
    public void Bad_invocation_exits_2_with_one_line_on_stderr_and_leaves_no_output(string[] args, string mention)
    {
        using var folder = new TempFolder();
        string input = WriteCsv(folder, Reference.RandomMatrix(4, 2, seed: 1));
        File.WriteAllText(folder.File("ragged.csv"), "a,b\n1,2\n3\n");
        File.WriteAllText(folder.File("nan.csv"), "a\nnan\n");
        File.WriteAllText(folder.File("x.txt"), "1,2\n");
        string output = Path.Combine(folder.Path, "out", "K.npy");
        string[] resolved = args.Select(a => a.Replace("{x}", input).Replace("{ragged}", folder.File("ragged.csv"))
            .Replace("{nan}", folder.File("nan.csv")).Replace("{out}", output).Replace("{dir}", folder.Path)).ToArray();
        string[] before = Directory.GetFileSystemEntries(folder.Path);

        string line = CliRun.AssertBadInput(resolved);

        Assert.Contains(mention, line);
        Assert.Equal(before, Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Version_option_of_the_tool_prints_the_cli_assembly_version()
    {
        // System.CommandLine reads the entry assembly's version, so this runs the built tool (in-process the entry is the test host).
        string tool = Path.Combine(AppContext.BaseDirectory, "FastCoverage.Cli.dll");
        var start = new ProcessStartInfo("dotnet", [tool, "--version"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string expected = typeof(FastCoverage.Cli.Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(expected, stdout.Trim());
        Assert.StartsWith("0.1.0", expected);
    }
}
