using System.Text.Json;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Lp;
using FastCoverage.Lp.Attribution;
using FastCoverage.Lp.IO;
using FastCoverage.Tests.Cli;
using FastCoverage.Valuation.Learners;

namespace FastCoverage.Tests.Lp;

public sealed class CdvmCommandTests : IDisposable
{
    private const int N = 40, M = 12, Modes = 4;
    private readonly string _folder = Directory.CreateTempSubdirectory("fc-cdvm-").FullName;
    private readonly string _x, _y, _xt, _yt;

    public CdvmCommandTests()
    {
        var (x, y) = LatentModeData.Create(N, Modes, 1);
        var (xt, yt) = LatentModeData.Create(M, Modes, 2);
        _x = Path.Combine(_folder, "x.npy");
        _y = Path.Combine(_folder, "y.npy");
        _xt = Path.Combine(_folder, "xt.npy");
        _yt = Path.Combine(_folder, "yt.npy");
        Npy.Write(_x, x.Span);
        Npy.Write(_y, y);
        Npy.Write(_xt, xt.Span);
        Npy.Write(_yt, yt);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string[] AttributionArgs(string output, params string[] extra) =>
        ["attribution", "--input", _x, "--labels", _y, "--test", _xt, "--test-labels", _yt, "--models", "300", "--p", "0.1", "--seed", "4", "--output", output, .. extra];

    [Fact]
    public void Attribution_writes_the_MSR_estimate_dense_to_npy_and_sparse_to_mtx()
    {
        var (exit, _, error) = CliRun.Run(AttributionArgs(PathOf("t.npy"), "--banzhaf", PathOf("banzhaf.json")));
        Assert.True(exit == 0, error);
        Assert.Equal(0, CliRun.Run(AttributionArgs(PathOf("t.mtx"), "--keep-entries", "10")).Exit);

        var (x, y) = LatentModeData.Create(N, Modes, 1);
        var (xt, yt) = LatentModeData.Create(M, Modes, 2);
        AttributionEstimate expected = MaximumSampleReuse.Estimate(ClassifierSubsetLearner.Ridge(x, y, xt, yt), 300, 0.1, 4);
        float[,] dense = MatrixFile.ReadMatrix(PathOf("t.npy")).ToArray();
        Assert.Equal(expected.Dense.ToArray(), dense);
        double[] banzhaf = JsonResult.ReadNumbers(PathOf("banzhaf.json"), "values");
        for (int i = 0; i < N; i++)
        {
            double rowMean = Enumerable.Range(0, M).Sum(j => (double)dense[i, j]) / M;
            Assert.Equal(rowMean, banzhaf[i], 1e-6);
        }

        CsrMatrix sparse = AttributionFile.Read(PathOf("t.mtx"));
        Assert.Equal(expected.ToSparse(10).ToDense(), sparse.ToDense());
        Assert.Equal((int)Math.Ceiling(0.1 * N * M), sparse.NonZeroCount);
    }

    [Fact]
    public void Prune_with_alpha_and_kappa_writes_the_library_solution_to_result_json()
    {
        Assert.Equal(0, CliRun.Run(AttributionArgs(PathOf("t.mtx"))).Exit);
        string result = PathOf("out/result.json");
        var (exit, _, error) = CliRun.Run("prune", "--attribution", PathOf("t.mtx"), "--keep-fraction", "0.25", "--alpha", "0.3", "--kappa", "0.2", "--output", result);
        Assert.True(exit == 0, error);

        using var program = new CdvmProgram(AttributionFile.Read(PathOf("t.mtx")));
        CdvmResult expected = program.Solve(10, 0.3, 0.2);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(result));
        JsonElement root = json.RootElement;
        Assert.Equal(expected.Selected, root.GetProperty("selected").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal(expected.Weights, root.GetProperty("w").EnumerateArray().Select(e => e.GetDouble()).ToArray());
        Assert.Equal(expected.Objective, root.GetProperty("objective").GetDouble());
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        Assert.Equal(0.3, root.GetProperty("alpha").GetDouble());
        Assert.Equal(0.2, root.GetProperty("kappa").GetDouble());
    }

    [Fact]
    public void Prune_grid_reports_the_best_validation_accuracy_of_a_ridge_probe_on_the_selection()
    {
        Assert.Equal(0, CliRun.Run(AttributionArgs(PathOf("t.npy"))).Exit);
        string result = PathOf("grid.json");
        var (exit, _, error) = CliRun.Run("prune", "--attribution", PathOf("t.npy"), "--keep", "8", "--grid", "--alphas", "0.2", "0.8",
            "--kappas", "0.1", "0.5", "1", "--input", _x, "--labels", _y, "--valid", _xt, "--valid-labels", _yt, "--output", result);
        Assert.True(exit == 0, error);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(result));
        JsonElement root = json.RootElement;
        int[] selected = root.GetProperty("selected").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(8, selected.Length);
        var (x, y) = LatentModeData.Create(N, Modes, 1);
        var (xt, yt) = LatentModeData.Create(M, Modes, 2);
        double accuracy = RidgeClassifier.Fit(x.Span, y, selected, Modes, 1.0).Accuracy(xt.Span, yt);
        Assert.Equal(accuracy, root.GetProperty("validation_accuracy").GetDouble());
        Assert.Contains(root.GetProperty("alpha").GetDouble(), new[] { 0.2, 0.8 });
        Assert.Contains(root.GetProperty("kappa").GetDouble(), new[] { 0.1, 0.5, 1.0 });
    }

    [Theory]
    [InlineData("--keep", "0", "--alpha", "0.5", "--kappa", "0.5")]
    [InlineData("--keep", "41", "--alpha", "0.5", "--kappa", "0.5")]
    [InlineData("--keep", "5", "--alpha", "1.5", "--kappa", "0.5")]
    [InlineData("--keep", "5", "--alpha", "0.5", "--kappa", "-1")]
    [InlineData("--keep", "5", "--alpha", "0.5")]
    [InlineData("--alpha", "0.5", "--kappa", "0.5")]
    [InlineData("--keep", "5", "--keep-fraction", "0.1", "--alpha", "0.5", "--kappa", "0.5")]
    [InlineData("--keep-fraction", "1.5", "--alpha", "0.5", "--kappa", "0.5")]
    [InlineData("--keep", "5", "--grid", "--alpha", "0.5")]
    [InlineData("--keep", "5", "--grid")]
    public void Prune_with_bad_options_exits_2_with_one_line_and_writes_nothing(params string[] options)
    {
        Assert.Equal(0, CliRun.Run(AttributionArgs(PathOf("t.mtx"))).Exit);
        string result = PathOf("bad.json");
        CliRun.AssertBadInput(["prune", "--attribution", PathOf("t.mtx"), .. options, "--output", result]);
        Assert.False(File.Exists(result));
    }

    [Fact]
    public void Bad_attribution_inputs_exit_2_and_write_nothing()
    {
        string output = PathOf("t.mtx");
        CliRun.AssertBadInput(AttributionArgs(PathOf("t.txt")));
        CliRun.AssertBadInput(AttributionArgs(output, "--models", "0"));
        CliRun.AssertBadInput(AttributionArgs(output, "--p", "1.5"));
        CliRun.AssertBadInput(AttributionArgs(output, "--keep-entries", "0"));
        CliRun.AssertBadInput(AttributionArgs(output, "--learner", "svm"));
        CliRun.AssertBadInput(["attribution", "--input", _x, "--labels", _y, "--test", PathOf("missing.npy"), "--test-labels", _yt, "--output", output]);
        Assert.False(File.Exists(output));
        File.WriteAllText(PathOf("broken.mtx"), "%%MatrixMarket matrix coordinate real general\n2 2 1\n9 9 1\n");
        string line = CliRun.AssertBadInput("prune", "--attribution", PathOf("broken.mtx"), "--keep", "1", "--alpha", "0.5", "--kappa", "0.5", "--output", PathOf("r.json"));
        Assert.Contains("line 3", line);
        Assert.False(File.Exists(PathOf("r.json")));
    }
}
