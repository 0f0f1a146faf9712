namespace FastCoverage.Cli;

/// <summary>Entry point of the <c>fastcoverage</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the tool; exit code 0 on success, 2 on bad input or usage, 1 on an internal error.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
