using System.Numerics;
using System.Text.Json;
using FastCoverage.Tests.Theory;

namespace FastCoverage.Tests.Cli;

public class TheoryCommandTests
{
    /// <summary>r(1 − C(N−m, k)/C(N, k)) summed over modes, by exact big-integer arithmetic.</summary>
    private static double ExactCovered(long[] sizes, long k)
    {
        long n = sizes.Sum();
        BigInteger total = TheoryReference.Binomial(n, k);
        return sizes.Sum(m => TheoryReference.ToDouble(total - TheoryReference.Binomial(n - m, k), total));
    }

    private static JsonElement[] Json(params string[] args)
    {
        var (exit, output, error) = CliRun.Run(args);
        Assert.True(exit == 0, $"exit {exit}: {error}");
        return JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
    }

    [Fact]
    public void Theory_occupancy_json_has_one_row_per_k_matching_the_exact_occupancy_limit_and_greedy_counts()
    {
        JsonElement[] rows = Json("theory", "occupancy", "--r", "7", "--m", "13", "--k", "1..50", "--json");
        Assert.Equal(50, rows.Length);
        long[] sizes = Enumerable.Repeat(13L, 7).ToArray();
        for (int k = 1; k <= 50; k++)
        {
            JsonElement row = rows[k - 1];
            Assert.Equal(7, row.GetProperty("r").GetInt32());
            Assert.Equal(13, row.GetProperty("m").GetInt32());
            Assert.Equal(91, row.GetProperty("N").GetInt64());
            Assert.Equal(k, row.GetProperty("k").GetInt64());
            double covered = ExactCovered(sizes, k), limit = 7 * (1 - Math.Pow(6.0 / 7.0, k));
            Assert.Equal(covered, row.GetProperty("expected_covered").GetDouble(), 12);
            Assert.Equal(limit, row.GetProperty("expected_covered_limit").GetDouble(), 12);
            Assert.Equal(Math.Min(k, 7), row.GetProperty("greedy_covered").GetInt64());
            Assert.Equal(Math.Min(k, 7) - covered, row.GetProperty("delta_N").GetDouble(), 12);
            Assert.Equal(Math.Min(k, 7) - limit, row.GetProperty("delta_limit").GetDouble(), 12);
        }
    }

    [Fact]
    public void Theory_occupancy_with_sizes_reports_the_sizes_and_the_unequal_mode_occupancy()
    {
        JsonElement row = Assert.Single(Json("theory", "occupancy", "--sizes", "2,2,2,10,10,10", "--k", "6", "--json"));
        Assert.Equal([2L, 2, 2, 10, 10, 10], row.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt64()).ToArray());
        Assert.False(row.TryGetProperty("m", out _));
        Assert.Equal(36, row.GetProperty("N").GetInt64());
        Assert.Equal(ExactCovered([2, 2, 2, 10, 10, 10], 6), row.GetProperty("expected_covered").GetDouble(), 12);
        double limit = (3 * (1 - Math.Pow(34.0 / 36, 6))) + (3 * (1 - Math.Pow(26.0 / 36, 6)));
        Assert.Equal(limit, row.GetProperty("expected_covered_limit").GetDouble(), 12);
    }

    [Fact]
    public void Theory_gap_json_reports_rho_times_delta_N_and_the_misaligned_coverage_m_in()
    {
        JsonElement[] rows = Json("theory", "gap", "--r", "10", "--m", "100", "--k", "5..12", "--rho", "0.25", "--delta", "0.4", "--json");
        Assert.Equal(8, rows.Length);
        long[] sizes = Enumerable.Repeat(100L, 10).ToArray();
        foreach (JsonElement row in rows)
        {
            long k = row.GetProperty("k").GetInt64();
            double deltaN = Math.Min(k, 10) - ExactCovered(sizes, k);
            double mIn = Math.Min(10, 10 / 0.4 * (1 - Math.Pow(1 - 0.04, k)));
            Assert.Equal(0.25, row.GetProperty("rho").GetDouble());
            Assert.Equal(0.25 * deltaN, row.GetProperty("gap").GetDouble(), 12);
            Assert.Equal(mIn, row.GetProperty("m_in").GetDouble(), 12);
            Assert.Equal(Math.Min(k, 10) - mIn, row.GetProperty("delta_misaligned").GetDouble(), 12);
        }

        JsonElement plain = Assert.Single(Json("theory", "gap", "--r", "3", "--m", "2", "--k", "2", "--rho", "1", "--json"));
        Assert.False(plain.TryGetProperty("m_in", out _));
    }

    [Fact]
    public void Theory_occupancy_table_prints_one_row_per_k_with_the_occupancy_numbers()
    {
        var (exit, output, _) = CliRun.Run("theory", "gap", "--r", "10", "--m", "100", "--k", "1..3", "--rho", "2");
        Assert.Equal(0, exit);
        Assert.Contains("δ_N(1,k)", output);
        // m*(2) = 10(1 − C(900,2)/C(1000,2)) = 1.9009009009…; gap = 2·(2 − m*(2)).
        Assert.Contains("1.900900901", output);
        Assert.Contains("0.1981981982", output);
        Assert.Equal(3, output.Split('\n').Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s+[123]\s+1000\s")));
    }

    [Theory]
    [InlineData("theory", "occupancy", "--r", "10", "--m", "2", "--k", "21")]
    [InlineData("theory", "occupancy", "--r", "0", "--m", "2", "--k", "1")]
    [InlineData("theory", "occupancy", "--r", "3", "--m", "0", "--k", "1")]
    [InlineData("theory", "occupancy", "--r", "3", "--m", "2", "--k", "5..2")]
    [InlineData("theory", "occupancy", "--r", "3", "--m", "2", "--k", "1..x")]
    [InlineData("theory", "occupancy", "--r", "3", "--m", "2", "--k", "-1")]
    [InlineData("theory", "occupancy", "--r", "3", "--k", "1")]
    [InlineData("theory", "occupancy", "--r", "3", "--m", "2", "--sizes", "1,2", "--k", "1")]
    [InlineData("theory", "occupancy", "--sizes", "1,0", "--k", "1")]
    [InlineData("theory", "occupancy", "--sizes", "1,,2", "--k", "1")]
    [InlineData("theory", "gap", "--r", "3", "--m", "2", "--k", "1")]
    [InlineData("theory", "gap", "--r", "3", "--m", "2", "--k", "1", "--rho", "-1")]
    [InlineData("theory", "gap", "--r", "3", "--m", "2", "--k", "1", "--rho", "1", "--delta", "0")]
    [InlineData("theory", "gap", "--r", "3", "--m", "2", "--k", "1", "--rho", "1", "--delta", "1.5")]
    [InlineData("theory", "occupancy", "--r", "3", "--m", "2", "--k", "1", "--bogus")]
    public void Theory_commands_reject_bad_input_with_exit_2_and_one_line(params string[] args) =>
        CliRun.AssertBadInput(args);
}
