using System.Text.Json;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Cli;

public class DiagnoseCommandTests
{
    /// <summary>Two classes of three copies of e₁ and e₂: every diagnostic has a closed form.</summary>
    private static (string Features, string Labels) TwoOrthogonalModes(TempFolder folder)
    {
        var x = new float[6, 3];
        int[] y = [0, 0, 0, 1, 1, 1];
        for (int i = 0; i < 6; i++)
        {
            x[i, y[i]] = i + 1;
        }

        string features = folder.File("x.npy");
        string labels = folder.File("y.npy");
        Npy.Write(features, new ReadOnlySpan2D<float>(x));
        Npy.Write(labels, y.AsSpan());
        return (features, labels);
    }

    [Fact]
    public void Json_reports_closed_form_diagnostics_of_two_orthogonal_modes()
    {
        using var folder = new TempFolder();
        var (features, labels) = TwoOrthogonalModes(folder);
        var (exit, output, error) = CliRun.Run("diagnose", "--input", features, "--labels", labels, "--json");
        Assert.True(exit == 0, error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(6, root.GetProperty("points").GetInt32());
        Assert.Equal(3, root.GetProperty("features").GetInt32());

        // Σ = diag(1+4+9, 16+25+36, 0)/6: participation (14+77)²/(14²+77²).
        Assert.Equal(91.0 * 91.0 / ((14.0 * 14.0) + (77.0 * 77.0)), root.GetProperty("effectiveRank").GetDouble(), 1e-5);
        Assert.Equal(1.0, root.GetProperty("coherence").GetDouble(), 1e-6);

        // Cosine G is block-diagonal with all-ones 3×3 blocks: 36 entries, 18 ones, 6 of them diagonal.
        Assert.Equal(12.0 / 18.0, root.GetProperty("offDiagonalMass").GetDouble(), 1e-6);
        Assert.Equal(2, root.GetProperty("classes").GetInt32());
        Assert.Equal(1.0, root.GetProperty("withinBlockMean").GetDouble(), 1e-6);
        Assert.Equal(0.0, root.GetProperty("betweenBlockMean").GetDouble(), 1e-6);
        Assert.Equal(1.0, root.GetProperty("blockContrast").GetDouble(), 1e-6);
        Assert.Equal(1.0, root.GetProperty("labelAlignment").GetDouble(), 1e-6);
    }

    [Fact]
    public void Selection_reports_the_number_of_labels_it_covers()
    {
        using var folder = new TempFolder();
        var (features, labels) = TwoOrthogonalModes(folder);
        string oneMode = folder.File("one.json");
        string bothModes = folder.File("both.json");
        File.WriteAllText(oneMode, "{\"method\": \"top-k\", \"indices\": [0, 2, 1]}");
        File.WriteAllText(bothModes, "[5, 0]");
        JsonElement one = JsonDocument.Parse(CliRun.Run("diagnose", "--input", features, "--labels", labels, "--selection", oneMode, "--json").Out).RootElement;
        JsonElement both = JsonDocument.Parse(CliRun.Run("diagnose", "--input", features, "--labels", labels, "--selection", bothModes, "--json").Out).RootElement;
        Assert.Equal(1, one.GetProperty("labelsCovered").GetInt32());
        Assert.Equal(3, one.GetProperty("selected").GetInt32());
        Assert.Equal(2, both.GetProperty("labelsCovered").GetInt32());
        Assert.Contains("1 of 2", CliRun.Run("diagnose", "--input", features, "--labels", labels, "--selection", oneMode).Out);

        string outOfRange = folder.File("bad.json");
        File.WriteAllText(outOfRange, "[6]");
        Assert.Contains("bad.json", CliRun.AssertBadInput("diagnose", "--input", features, "--labels", labels, "--selection", outOfRange));
        Assert.Contains("--labels", CliRun.AssertBadInput("diagnose", "--input", features, "--selection", oneMode));
    }

    [Fact]
    public void Table_lists_the_diagnostics_and_a_sample_when_n_exceeds_max_pairwise()
    {
        using var folder = new TempFolder();
        var (features, labels) = TwoOrthogonalModes(folder);
        var (exit, output, error) = CliRun.Run("diagnose", "--input", features, "--labels", labels, "--max-pairwise", "4", "--seed", "3");
        Assert.True(exit == 0, error);
        Assert.Contains("effective rank", output);
        Assert.Contains("block contrast", output);
        Assert.Contains("sample of 4 (seed 3)", output);
        Assert.Equal(output, CliRun.Run("diagnose", "--input", features, "--labels", labels, "--max-pairwise", "4", "--seed", "3").Out);
    }

    [Fact]
    public void Bad_input_exits_with_code_two_and_one_line()
    {
        using var folder = new TempFolder();
        var (features, _) = TwoOrthogonalModes(folder);
        string shortLabels = folder.File("short.npy");
        Npy.Write(shortLabels, new int[] { 0, 1 }.AsSpan());
        var nan = new float[3, 2];
        nan[1, 1] = float.NaN;
        string nanFile = folder.File("nan.npy");
        Npy.Write(nanFile, new ReadOnlySpan2D<float>(nan));

        Assert.Contains("--labels", CliRun.AssertBadInput("diagnose", "--input", features, "--labels", shortLabels));
        Assert.Contains("--input", CliRun.AssertBadInput("diagnose", "--input", folder.File("missing.npy")));
        Assert.Contains("sqeuclidean", CliRun.AssertBadInput("diagnose", "--input", features, "--kernel", "sqeuclidean"));
        Assert.Contains("--gamma", CliRun.AssertBadInput("diagnose", "--input", features, "--gamma", "0.5"));
        Assert.Contains("--max-pairwise", CliRun.AssertBadInput("diagnose", "--input", features, "--max-pairwise", "1"));
        CliRun.AssertBadInput("diagnose", "--input", nanFile);
        CliRun.AssertBadInput("diagnose", "--input", features, "--kernel", "banana");
    }
}
