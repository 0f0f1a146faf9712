using FastCoverage.Cli;

namespace FastCoverage.Tests.Cli;

/// <summary>Runs the CLI in-process and captures its exit code, stdout and stderr.</summary>
public static class CliRun
{
    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts the error contract: exit code 2 and exactly one line on stderr; returns that line.</summary>
    public static string AssertBadInput(params string[] args)
    {
        var (exit, _, error) = Run(args);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(exit == 2, $"exit {exit}, stderr: {error}");
        Assert.Single(lines);
        return lines[0];
    }
}
