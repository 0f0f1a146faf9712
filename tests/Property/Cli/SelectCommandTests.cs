using System.Globalization;
using System.Text.Json;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;
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

public class SelectCommandBaselineTests
{
    private static (string Path, float[,] X) Features(TempFolder folder, int n = 20)
    {
        float[,] x = SimilarityInstances.Blobs(n, 3, 4, seed: 9);
        string path = folder.File("x.npy");
        Npy.Write(path, new ReadOnlySpan2D<float>(x));
        return (path, x);
    }

    private static JsonElement Run(params string[] args)
    {
        var (exit, stdout, stderr) = CliRun.Run(args);
        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static int[] Indices(JsonElement root) => root.GetProperty("indices").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    [Fact]
    public void K_center_from_a_start_is_farthest_first_traversal_with_its_covering_radii()
    {
        using var folder = new TempFolder();
        var (input, x) = Features(folder);
        JsonElement root = Run("select", "--input", input, "--k", "5", "--method", "k-center", "--start", "3");

        // Independent farthest-first: each next centre is the point farthest from its nearest centre (lowest index on ties).
        int n = x.GetLength(0);
        var centres = new List<int> { 3 };
        var radii = new List<double>();
        while (true)
        {
            double[] nearest = Enumerable.Range(0, n).Select(i => centres.Min(c => Math.Sqrt(Reference.SquaredDistance(x, i, x, c)))).ToArray();
            radii.Add(nearest.Max());
            if (centres.Count == 5)
            {
                break;
            }

            centres.Add(Array.IndexOf(nearest, nearest.Max()));
        }

        Assert.Equal(centres, Indices(root));
        double[] reported = root.GetProperty("radii").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int t = 0; t < radii.Count; t++)
        {
            Assert.Equal(radii[t], reported[t], 1e-4);
        }

        Assert.Equal(radii[^1], root.GetProperty("objective").GetDouble(), 1e-4);
    }

    [Fact]
    public void Top_k_reads_values_json_and_ranks_by_score_then_lowest_index()
    {
        using var folder = new TempFolder();
        var (input, _) = Features(folder, n: 8);
        string scores = folder.File("values.json");
        double[] values = [0.5, 2, 2, -1, 7, 0.5, 3, 2];
        File.WriteAllText(scores, "{\"values\": [" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]}");
        JsonElement root = Run("select", "--input", input, "--k", "4", "--method", "top-k", "--scores", scores);
        int[] expected = Enumerable.Range(0, 8).OrderByDescending(i => values[i]).ThenBy(i => i).Take(4).ToArray();
        Assert.Equal(expected, Indices(root));
        Assert.Equal(expected.Select(i => values[i]), root.GetProperty("gains").EnumerateArray().Select(e => e.GetDouble()));
        Assert.False(root.TryGetProperty("objective", out _));
    }

    [Fact]
    public void Score_methods_need_only_scores_and_labels_while_feature_methods_require_input()
    {
        using var folder = new TempFolder();
        string scores = folder.File("values.json");
        double[] values = [1, 9, 4, 9, -2, 6];
        int[] labels = [0, 0, 1, 1, 2, 2];
        File.WriteAllText(scores, "{\"values\": [" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]}");
        string labelPath = folder.File("y.npy");
        Npy.Write(labelPath, labels.AsSpan());

        int[] topK = Indices(Run("select", "--k", "3", "--method", "top-k", "--scores", scores));
        Assert.Equal(Enumerable.Range(0, 6).OrderByDescending(i => values[i]).ThenBy(i => i).Take(3), topK);

        int[] balanced = Indices(Run("select", "--k", "3", "--method", "balanced-top-k", "--scores", scores, "--labels", labelPath));
        int[] bestPerClass = [.. Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, 6).Where(i => labels[i] == c).OrderByDescending(i => values[i]).ThenBy(i => i).First())];
        Assert.Equal(bestPerClass.Order(), balanced.Order());

        foreach (string method in new[] { "facility-location", "k-center", "random" })
        {
            string error = CliRun.AssertBadInput("select", "--k", "3", "--method", method);
            Assert.Contains("--input", error);
        }
    }

    [Fact]
    public void Balanced_top_k_takes_equal_quotas_per_class_from_npy_scores_and_labels()
    {
        using var folder = new TempFolder();
        var (input, _) = Features(folder, n: 12);
        float[] scores = [.. Enumerable.Range(0, 12).Select(i => (float)((i * 7) % 12))];
        int[] labels = [.. Enumerable.Range(0, 12).Select(i => i % 3)];
        string scorePath = folder.File("s.npy");
        string labelPath = folder.File("y.npy");
        Npy.Write(scorePath, scores.AsSpan());
        Npy.Write(labelPath, labels.AsSpan());
        JsonElement root = Run("select", "--input", input, "--k", "6", "--method", "balanced-top-k", "--scores", scorePath, "--labels", labelPath);
        int[] picked = Indices(root);
        Assert.Equal(6, picked.Distinct().Count());
        for (int c = 0; c < 3; c++)
        {
            int[] inClass = [.. Enumerable.Range(0, 12).Where(i => labels[i] == c).OrderByDescending(i => scores[i]).ThenBy(i => i)];
            Assert.Equal(inClass.Take(2).Order(), picked.Where(i => labels[i] == c).Order());
        }
    }

    [Fact]
    public void Random_selection_is_a_seeded_k_subset()
    {
        using var folder = new TempFolder();
        var (input, _) = Features(folder);
        int[] a = Indices(Run("select", "--input", input, "--k", "7", "--method", "random", "--seed", "5"));
        int[] b = Indices(Run("select", "--input", input, "--k", "7", "--method", "random", "--seed", "5"));
        Assert.Equal(a, b);
        Assert.Equal(7, a.Distinct().Count());
        Assert.All(a, i => Assert.InRange(i, 0, 19));
    }

    [Theory]
    [InlineData("top-k")]
    [InlineData("balanced-top-k")]
    public void Score_methods_without_scores_or_with_wrong_lengths_are_bad_input(string method)
    {
        using var folder = new TempFolder();
        var (input, _) = Features(folder);
        CliRun.AssertBadInput("select", "--input", input, "--k", "2", "--method", method);
        string scores = folder.File("s.npy");
        Npy.Write(scores, new float[5].AsSpan());
        string labels = folder.File("y.npy");
        Npy.Write(labels, new int[20].AsSpan());
        CliRun.AssertBadInput("select", "--input", input, "--k", "2", "--method", method, "--scores", scores, "--labels", labels);
    }

    [Theory]
    [InlineData("k-center", "--kernel", "rbf")]
    [InlineData("random", "--start", "2")]
    [InlineData("facility-location", "--labels", "y.npy")]
    [InlineData("k-center", "--k", "21")]
    [InlineData("k-center", "--start", "20")]
    public void Options_that_do_not_apply_or_are_out_of_range_are_bad_input_with_no_output(string method, string option, string value)
    {
        using var folder = new TempFolder();
        var (input, _) = Features(folder);
        string output = folder.File("r.json");
        var args = new List<string> { "select", "--input", input, "--method", method, "--output", output };
        if (option != "--k")
        {
            args.AddRange(["--k", "3"]);
        }

        args.AddRange([option, value]);
        CliRun.AssertBadInput([.. args]);
        Assert.False(File.Exists(output));
    }
}
