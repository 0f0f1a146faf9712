using BenchmarkDotNet.Running;

namespace FastCoverage.Bench;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project bench -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Stopwatch harness modes (first argument), for tuning and profiling outside BenchmarkDotNet.</summary>
    private static readonly Dictionary<string, Action<string[]>> Harnesses = new()
    {
        ["tune-gram"] = GramTuning.Run,
        ["tune-sym"] = GramTuning.RunSymmetric,
        ["tune-micro"] = MicroKernelTuning.Run,
        ["profile-lazy"] = LazyGreedyProfile.Run,
        ["profile-first-pass"] = FirstPassProfile.Run,
        ["profile-cold"] = ColdCallProfile.Run,
        ["profile-features"] = FeatureSelectionProfile.Run,
        ["profile-streaming"] = StreamingProfile.Run,
        ["profile-kcenter"] = KCenterProfile.Run,
        ["profile-knn"] = KnnGraphProfile.Run,
        ["profile-cdvm-grid"] = CdvmGridProfile.Run,
    };

    /// <summary>Entry point; a harness name runs that harness, anything else goes to BenchmarkDotNet's switcher.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && Harnesses.TryGetValue(args[0], out Action<string[]>? harness))
        {
            harness(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
