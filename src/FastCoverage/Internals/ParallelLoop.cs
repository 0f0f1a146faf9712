using System.Runtime.ExceptionServices;

namespace FastCoverage;

/// <summary>
/// Runs a parallel loop and rethrows the first worker exception as itself (not wrapped in an
/// <see cref="AggregateException"/>), so an <see cref="ArgumentException"/> raised by a worker — a learner rejecting its
/// input, say — reaches callers and the CLI's error contract unchanged.
/// </summary>
internal static class ParallelLoop
{
    /// <summary>Runs <paramref name="loop"/> (which calls Parallel.For/ForEach) and unwraps its exception.</summary>
    public static void Run(Action loop)
    {
        try
        {
            loop();
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
        }
    }
}
