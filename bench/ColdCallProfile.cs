using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// Consecutive features → dense → lazy selections in one process (<c>dotnet run -c Release --project bench --
/// profile-cold [n]</c>, default n = 20000, blobs, d = 64, k = 1000): wall and CPU time and minor page faults of each
/// call, showing what a first call pays (page faults of fresh storage, JIT) and what later calls pay.
/// </summary>
internal static class ColdCallProfile
{
    public static void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20000;
        var x = new ReadOnlyMemory2D<float>(SelectionBlobs.Create(n, 64, seed: 1));
        for (int call = 0; call < 5; call++)
        {
            long faults = MinorFaults();
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf()), 1000);
            double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Console.WriteLine($"call {call}: {wall:F0} ms, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms, minor page faults {MinorFaults() - faults}");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Thread.Sleep(500);
        }
    }

    /// <summary>Field 10 of /proc/self/stat (Linux; 0 elsewhere).</summary>
    private static long MinorFaults() =>
        File.Exists("/proc/self/stat") ? long.Parse(File.ReadAllText("/proc/self/stat").Split(' ')[9], System.Globalization.CultureInfo.InvariantCulture) : 0;
}
