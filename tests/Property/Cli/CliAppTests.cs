namespace FastCoverage.Tests.Cli;

public class CliAppTests
{
    [Fact]
    public void Help_names_the_tool_fastcoverage_and_lists_every_command()
    {
        var (exit, stdout, _) = CliRun.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("fastcoverage [command] [options]", stdout);
        foreach (string command in new[] { "gram", "select", "diagnose", "value", "theory", "attribution", "prune" })
        {
            Assert.Contains($"  {command} ", stdout);
        }
    }

    [Fact]
    public void Unknown_command_is_named_in_a_single_line_and_exits_2()
    {
        var (exit, stdout, stderr) = CliRun.Run("selct", "--k", "3");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal("fastcoverage: error: unrecognized command or argument 'selct' (see 'fastcoverage --help')", stderr.TrimEnd());
    }

    [Fact]
    public void Library_argument_errors_reach_the_command_line_without_the_parameter_suffix()
    {
        using var folder = new FastCoverage.Tests.Infrastructure.TempFolder();
        string input = folder.File("x.csv");
        File.WriteAllText(input, "1,2\n3,4\n");
        string error = CliRun.AssertBadInput("gram", "--input", input, "--kernel", "laplacian", "--output", folder.File("k.npy"));
        Assert.Contains("Unknown kernel 'laplacian'", error);
        Assert.DoesNotContain("(Parameter", error);
    }
}
