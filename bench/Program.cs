using BenchmarkDotNet.Running;

namespace FastCoverage.Bench;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point; arguments go to BenchmarkDotNet's switcher.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "tune-gram")
        {
            GramTuning.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "profile-lazy")
        {
            LazyGreedyProfile.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "profile-knn")
        {
            KnnGraphProfile.Run(args[1..]);
            return;
        }

        if (args.Length > 0 && args[0] == "tune-micro")
        {
            MicroKernelTuning.Run(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
