using System.Globalization;
using System.Text.Json;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Tests.IO;
using FastCoverage.Tests.Selection;

namespace FastCoverage.Tests.Cli;

public class SelectCommandTests
{
    private static string WriteNpy(TempFolder folder, float[,] x, string name = "x.npy")
    {
        string path = folder.File(name);
        Npy.Write(path, new ReadOnlySpan2D<float>(x));
        return path;
    }

    private static (string Method, int K, int[] Indices, double[] Gains, double? Objective) ReadResult(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        double? objective = root.TryGetProperty("objective", out JsonElement f) ? f.GetDouble() : null;
        return (root.GetProperty("method").GetString()!, root.GetProperty("k").GetInt32(),
            root.GetProperty("indices").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            root.GetProperty("gains").EnumerateArray().Select(e => e.GetDouble()).ToArray(), objective);
    }

    /// <summary>exp(−‖xᵢ − xⱼ‖²/d) in double, the default similarity of the command.</summary>
    private static double[,] RbfSimilarity(float[,] u, float[,] x)
    {
        var s = new double[u.GetLength(0), x.GetLength(0)];
        for (int i = 0; i < u.GetLength(0); i++)
        {
            for (int j = 0; j < x.GetLength(0); j++)
            {
                s[i, j] = Math.Exp(-Reference.SquaredDistance(u, i, x, j) / x.GetLength(1));
            }
        }

        return s;
    }

    [Theory]
    [InlineData("lazy")]
    [InlineData("naive")]
    public void Facility_location_writes_the_reference_greedy_selection_gains_and_objective(string optimizer)
    {
        using var folder = new TempFolder();
        float[,] x = SimilarityInstances.Blobs(30, 4, 5, seed: 11);
        string input = WriteNpy(folder, x);
        string output = Path.Combine(folder.Path, "out", "result.json");

        var (exit, stdout, stderr) = CliRun.Run("select", "--input", input, "--k", "6", "--method", "facility-location", "--optimizer", optimizer, "--output", output);

        Assert.True(exit == 0, stderr);
        Assert.Contains("result.json", stdout);
        var result = ReadResult(output);
        Assert.Equal("facility-location", result.Method);
        Assert.Equal(6, result.K);
        double[,] s = RbfSimilarity(x, x);
        FacilityLocationReference.AssertSameUntilNearTie(s, 6, result.Indices, result.Gains, 1e-4 * 30);
        Assert.Equal(FacilityLocationReference.Objective(s, result.Indices), result.Objective!.Value, 1e-3);
    }

    [Fact]
    public void Represented_set_initial_subset_and_neighbours_reach_the_library()
    {
        using var folder = new TempFolder();
        float[,] x = SimilarityInstances.Blobs(25, 3, 4, seed: 2);
        float[,] u = SimilarityInstances.Blobs(12, 3, 4, seed: 3);
        string input = WriteNpy(folder, x);
        string represented = WriteNpy(folder, u, "u.npy");
        string initial = folder.File("initial.json");
        File.WriteAllText(initial, "{\"indices\": [4, 7]}");
        string output = folder.File("r.json");

        var (exit, _, stderr) = CliRun.Run("select", "--input", input, "--k", "3", "--represented", represented, "--initial", initial, "--output", output);

        Assert.True(exit == 0, stderr);
        var result = ReadResult(output);
        var (picks, _) = FacilityLocationReference.Greedy(RbfSimilarity(u, x), 3, [4, 7]);
        Assert.Equal(picks, result.Indices);

        string sparseOutput = folder.File("sparse.json");
        var (sparseExit, _, sparseError) = CliRun.Run("select", "--input", input, "--k", "4", "--neighbors", "24", "--output", sparseOutput);
        Assert.True(sparseExit == 0, sparseError);
        var (densePicks, _) = FacilityLocationReference.Greedy(RbfSimilarity(x, x), 4);
        Assert.Equal(densePicks, ReadResult(sparseOutput).Indices);
    }

    [Fact]
    public void Without_output_the_result_json_goes_to_stdout()
    {
        using var folder = new TempFolder();
        string input = WriteNpy(folder, SimilarityInstances.Blobs(10, 2, 3, seed: 4));
        var (exit, stdout, stderr) = CliRun.Run("select", "--input", input, "--k", "2", "--optimizer", "stochastic", "--seed", "3");
        Assert.True(exit == 0, stderr);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(2, document.RootElement.GetProperty("indices").GetArrayLength());
    }

    [Theory]
    [InlineData("--k", "11")]
    [InlineData("--k", "-1")]
    [InlineData("--method", "magic")]
    [InlineData("--optimizer", "quantum")]
    [InlineData("--kernel", "sqeuclidean")]
    [InlineData("--kernel", "banana")]
    [InlineData("--gamma", "-2")]
    [InlineData("--neighbors", "10")]
    [InlineData("--epsilon", "1.5")]
    [InlineData("--start", "1")]
    [InlineData("--represented", "missing.npy")]
    [InlineData("--initial", "missing.json")]
    public void Bad_input_exits_2_with_one_line_and_writes_no_output(string option, string value)
    {
        using var folder = new TempFolder();
        string input = WriteNpy(folder, SimilarityInstances.Blobs(10, 2, 3, seed: 4));
        string output = folder.File("result.json");
        var args = new List<string> { "select", "--input", input, "--k", "3", "--output", output };
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value.EndsWith(".npy") || value.EndsWith(".json") ? folder.File(value) : value]);
        }

        if (option == "--epsilon")
        {
            args.AddRange(["--optimizer", "stochastic"]);
        }

        CliRun.AssertBadInput([.. args]);
        Assert.False(File.Exists(output));
        Assert.Equal(["x.npy"], folder.Files());
    }

    [Fact]
    public void Non_finite_features_and_a_non_integer_initial_subset_are_bad_input()
    {
        using var folder = new TempFolder();
        var x = SimilarityInstances.Blobs(6, 2, 2, seed: 1);
        x[3, 1] = float.NaN;
        string input = WriteNpy(folder, x);
        Assert.Contains("row 3", CliRun.AssertBadInput("select", "--input", input, "--k", "2"));

        string good = WriteNpy(folder, SimilarityInstances.Blobs(6, 2, 2, seed: 1), "good.npy");
        string initial = folder.File("i.json");
        File.WriteAllText(initial, "[1.5]");
        CliRun.AssertBadInput("select", "--input", good, "--k", "2", "--initial", initial);
    }
}
