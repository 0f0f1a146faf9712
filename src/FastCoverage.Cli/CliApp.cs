using System.CommandLine;
using System.CommandLine.Help;

namespace FastCoverage.Cli;

/// <summary>
/// Builds the command tree and enforces the error contract of every command: a one-line message on stderr,
/// exit code 2 for bad input or usage, 1 for an internal error, and no output file left behind on failure
/// (commands write through <see cref="FastCoverage.IO.AtomicFile"/>).
/// </summary>
internal static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitInternalError = 1;
    public const int ExitBadInput = 2;

    /// <summary>The commands; each later feature adds one line here.</summary>
    private static IEnumerable<Command> CreateCommands(CliContext context)
    {
        yield return GramCommand.Create(context);
        yield return TheoryCommand.Create(context);
        yield return ValueCommand.Create(context);
        yield return SelectCommand.Create(context);
        yield return DiagnoseCommand.Create(context);
        yield return AttributionCommand.Create(context);
        yield return PruneCommand.Create(context);
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var context = new CliContext(stdout, stderr);
        // A plain command named after the tool (not RootCommand, whose name is the assembly's, FastCoverage.Cli).
        var root = new Command("fastcoverage", "fastcoverage: coverage-based data selection and data valuation.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (Command command in CreateCommands(context))
        {
            root.Subcommands.Add(command);
        }

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // An unknown command or option explains the other errors (e.g. "required command was not provided"), so name it first.
            string message = parse.UnmatchedTokens.Count > 0
                ? $"unrecognized command or argument '{parse.UnmatchedTokens[0]}'"
                : parse.Errors[0].Message;
            stderr.WriteLine($"fastcoverage: error: {OneLine(message)} (see 'fastcoverage --help')");
            return ExitBadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e) when (IsBadInput(e))
        {
            stderr.WriteLine($"fastcoverage: error: {OneLine(UserMessage(e))}");
            return ExitBadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"fastcoverage: internal error: {e.GetType().Name}: {OneLine(e.Message)}");
            return ExitInternalError;
        }
    }

    /// <summary>Exceptions that mean the user's input or usage is wrong (exit code 2).</summary>
    private static bool IsBadInput(Exception e) => e is ArgumentException or FormatException or InvalidDataException
        or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or CliUsageException
        or IOException or OverflowException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>The message without .NET's " (Parameter 'name')" suffix: library parameter names mean nothing on the command line.</summary>
    private static string UserMessage(Exception e) => e is ArgumentException { ParamName: { } name } argument
        ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
        : e.Message;
}
