using Spectre.Console;

namespace FastCoverage.Cli;

/// <summary>What a command needs from its host: the output writers and a progress reporter on stderr.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on stderr when stderr is a terminal (and the run lasts long
    /// enough to show one); otherwise runs it plainly. The callback reports completion in [0, 1].
    /// </summary>
    public T WithProgress<T>(string description, Func<Action<double>, T> work)
    {
        bool interactive = ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            return work(static _ => { });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(description, maxValue: 1.0);
                result = work(fraction => task.Value = Math.Clamp(fraction, 0.0, 1.0));
                task.Value = 1.0;
            });
        return result;
    }
}
