using System.Text.Json;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Valuation.Learners;
using FastCoverage.Valuation.Sampling;
using FastCoverage.Valuation.Stopping;
using FastCoverage.Valuation.Utilities;
using FastCoverage.Valuation;

namespace FastCoverage.Tests.Cli;

public class ValueCommandTests
{
    private sealed class Files : IDisposable
    {
        public readonly TempFolder Folder = new();
        public readonly float[,] X = Reference.RandomMatrix(14, 3, seed: 4);
        public readonly float[,] ValidX = Reference.RandomMatrix(9, 3, seed: 5);
        public readonly int[] Labels = Enumerable.Range(0, 14).Select(i => i % 3).ToArray();
        public readonly int[] ValidLabels = Enumerable.Range(0, 9).Select(i => (i * 2) % 3).ToArray();

        public Files()
        {
            Npy.Write(Folder.File("x.npy"), new ReadOnlySpan2D<float>(X));
            Npy.Write(Folder.File("xv.npy"), new ReadOnlySpan2D<float>(ValidX));
            Npy.Write(Folder.File("y.npy"), Labels);
            Npy.Write(Folder.File("yv.npy"), ValidLabels);
        }

        public string[] Args(string method, params string[] extra) =>
        [
            "value", "--input", Folder.File("x.npy"), "--labels", Folder.File("y.npy"), "--valid", Folder.File("xv.npy"),
            "--valid-labels", Folder.File("yv.npy"), "--method", method, "--output", Folder.File("out/values.json"), .. extra,
        ];

        public string Output => Folder.File("out/values.json");

        public void Dispose() => Folder.Dispose();
    }

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    private static double[] Numbers(JsonElement root, string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    [Fact]
    public void Shapley_with_the_ridge_utility_writes_the_library_values_errors_and_permutation_count()
    {
        using var files = new Files();
        var (exit, _, error) = CliRun.Run(files.Args("shapley", "--permutations", "25", "--seed", "7", "--ridge", "0.5"));
        Assert.True(exit == 0, error);
        JsonElement root = ReadJson(files.Output);
        var utility = new RidgeUtility(files.X, files.Labels, files.ValidX, files.ValidLabels, 3, 0.5);
        var expected = PermutationSemivalue.Shapley(utility, StoppingCriterion.MaxSamples(25), new PermutationOptions { Sampling = new SamplingOptions { Seed = 7 } });
        Assert.Equal("shapley", root.GetProperty("method").GetString());
        Assert.Equal(7UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(25, root.GetProperty("permutations").GetInt32());
        Assert.Equal(expected.Values, Numbers(root, "values"));
        Assert.Equal(expected.StandardErrors, Numbers(root, "std_errors"));
    }

    [Fact]
    public void Loo_with_the_knn_utility_writes_exact_values_without_standard_errors()
    {
        using var files = new Files();
        var (exit, _, error) = CliRun.Run(files.Args("loo", "--utility", "knn", "--neighbors", "3"));
        Assert.True(exit == 0, error);
        JsonElement root = ReadJson(files.Output);
        var utility = new KnnUtility(new ReadOnlyMemory2D<float>(files.X), files.Labels, new ReadOnlyMemory2D<float>(files.ValidX), files.ValidLabels, 3, 3);
        Assert.Equal(LeaveOneOut.Compute(utility).Values, Numbers(root, "values"));
        Assert.False(root.TryGetProperty("std_errors", out _));
        Assert.Equal(0, root.GetProperty("permutations").GetInt32());
    }

    [Fact]
    public void Banzhaf_and_beta_shapley_with_facility_location_need_no_labels()
    {
        using var files = new Files();
        string input = files.Folder.File("x.npy");
        var (exit, _, error) = CliRun.Run("value", "--input", input, "--method", "banzhaf", "--utility", "facility-location", "--kernel", "cosine", "--permutations", "40", "--output", files.Output);
        Assert.True(exit == 0, error);
        var utility = FacilityLocationUtility.FromFeatures(files.X, files.X, FastCoverage.Kernels.Kernel.Cosine);
        Assert.Equal(MaximumSampleReuse.Banzhaf(utility, StoppingCriterion.MaxSamples(40)).Values, Numbers(ReadJson(files.Output), "values"));

        (exit, _, error) = CliRun.Run("value", "--input", input, "--method", "beta-shapley", "--utility", "facility-location", "--alpha", "4", "--beta", "2", "--permutations", "10", "--output", files.Output);
        Assert.True(exit == 0, error);
        var rbf = FacilityLocationUtility.FromFeatures(files.X, files.X, FastCoverage.Kernels.Kernel.Rbf());
        var expected = PermutationSemivalue.Compute(rbf, Semivalue.BetaShapley(4, 2), StoppingCriterion.MaxSamples(10));
        Assert.Equal("beta-shapley", ReadJson(files.Output).GetProperty("method").GetString());
        Assert.Equal(expected.Values, Numbers(ReadJson(files.Output), "values"));
    }

    [Fact]
    public void Data_oob_uses_the_chosen_learner_and_the_budget_as_bootstrap_count()
    {
        using var files = new Files();
        var (exit, _, error) = CliRun.Run(files.Args("data-oob", "--utility", "knn", "--neighbors", "2", "--permutations", "30", "--seed", "3"));
        Assert.True(exit == 0, error);
        var x = new ReadOnlyMemory2D<float>(files.X);
        var expected = DataOob.Compute(x, files.Labels, rows => KnnClassifier.Fit(x.Span, files.Labels, rows, 3, 2), 30, 3);
        JsonElement root = ReadJson(files.Output);
        Assert.Equal(expected.Values, Numbers(root, "values"));
        Assert.Equal(30, root.GetProperty("permutations").GetInt32());
    }

    [Fact]
    public void Tolerance_stops_shapley_before_the_budget()
    {
        using var files = new Files();
        var (exit, output, error) = CliRun.Run(files.Args("shapley", "--utility", "knn", "--permutations", "100000", "--tolerance", "0.05"));
        Assert.True(exit == 0, error);
        JsonElement root = ReadJson(files.Output);
        Assert.True(root.GetProperty("permutations").GetInt32() < 100000);
        Assert.Contains($"({root.GetProperty("permutations").GetInt32()} samples)", output);
        Assert.All(Numbers(root, "std_errors"), se => Assert.True(se <= 0.05));
    }

    [Fact]
    public void Knn_shapley_and_the_per_point_scores_write_the_library_values_without_errors()
    {
        using var files = new Files();
        var x = new ReadOnlySpan2D<float>(files.X);
        var expected = new Dictionary<string, (string[] Extra, double[] Values)>
        {
            ["knn-shapley"] = (["--neighbors", "3"], KnnShapley.Classification(x, files.Labels, new ReadOnlySpan2D<float>(files.ValidX), files.ValidLabels, 3)),
            ["leverage"] = (["--ridge", "0.3"], FastCoverage.Scores.RidgeLeverage.Compute(x, 0.3)),
            ["prototypicality"] = ([], FastCoverage.Scores.Prototypicality.Compute(x, files.Labels)),
            ["typicality"] = (["--neighbors", "4", "--kernel", "sqeuclidean"], FastCoverage.Scores.Typicality.Compute(x, 4, FastCoverage.Kernels.Kernel.SquaredEuclidean)),
        };
        foreach (var (method, (extra, values)) in expected)
        {
            var (exit, output, error) = CliRun.Run(files.Args(method, extra));
            Assert.True(exit == 0, $"{method}: {error}");
            Assert.DoesNotContain("samples", output); // exact: no sample count in the summary line
            JsonElement root = ReadJson(files.Output);
            Assert.Equal(method, root.GetProperty("method").GetString());
            Assert.Equal(values, Numbers(root, "values"));
            Assert.False(root.TryGetProperty("std_errors", out _));
        }

        File.Delete(files.Output);
        CliRun.AssertBadInput("value", "--input", files.Folder.File("x.npy"), "--labels", files.Folder.File("y.npy"), "--method", "knn-shapley", "--output", files.Output);
        CliRun.AssertBadInput("value", "--input", files.Folder.File("x.npy"), "--method", "prototypicality", "--output", files.Output);
        CliRun.AssertBadInput(files.Args("typicality", "--neighbors", "14"));
        Assert.False(File.Exists(files.Output));
    }

    [Theory]
    [InlineData("--method", "magic")]
    [InlineData("--utility", "forest")]
    [InlineData("--permutations", "0")]
    [InlineData("--ridge", "-1")]
    [InlineData("--neighbors", "0")]
    [InlineData("--tolerance", "NaN")]
    [InlineData("--kernel", "sqeuclidean")]
    [InlineData("--gamma", "-2")]
    public void Bad_options_exit_with_code_2_and_leave_no_file(string option, string value)
    {
        using var files = new Files();
        var args = files.Args("shapley", "--utility", "facility-location").ToList();
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        CliRun.AssertBadInput([.. args]);
        Assert.False(File.Exists(files.Output));
    }

    [Fact]
    public void Missing_or_inconsistent_inputs_exit_with_code_2_and_leave_no_file()
    {
        using var files = new Files();
        string x = files.Folder.File("x.npy");
        CliRun.AssertBadInput("value", "--input", x, "--method", "shapley", "--output", files.Output); // ridge needs labels
        CliRun.AssertBadInput("value", "--input", x, "--labels", files.Folder.File("y.npy"), "--method", "loo", "--output", files.Output); // and a validation set
        CliRun.AssertBadInput("value", "--input", x, "--method", "data-oob", "--utility", "facility-location", "--output", files.Output);
        Npy.Write(files.Folder.File("short.npy"), new[] { 0, 1 });
        CliRun.AssertBadInput(files.Args("shapley", "--labels", files.Folder.File("short.npy")));
        var bad = (float[,])files.X.Clone();
        bad[2, 1] = float.NaN;
        Npy.Write(files.Folder.File("nan.npy"), new ReadOnlySpan2D<float>(bad));
        CliRun.AssertBadInput(files.Args("loo", "--input", files.Folder.File("nan.npy")));
        CliRun.AssertBadInput(files.Args("data-oob", "--input", files.Folder.File("nan.npy")));
        CliRun.AssertBadInput(files.Args("shapley", "--output", files.Folder.File("values.txt")));
        CliRun.AssertBadInput("value", "--input", files.Folder.File("missing.npy"), "--method", "loo", "--output", files.Output);
        Assert.False(File.Exists(files.Output));
    }
}
