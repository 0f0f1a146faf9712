using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

internal static class ColdProbe
{
    public static void Run(string[] args)
    {
        var x = new ReadOnlyMemory2D<float>(SelectionBlobs.Create(20000, 64, seed: 1));
        for (int rep = 0; rep < 5; rep++)
        {
            long faults0 = MinorFaults();
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf()), 1000);
            double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            Console.WriteLine($"call {rep}: {ms:F0} ms, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds:F0} ms, minor faults {MinorFaults() - faults0}");
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            Thread.Sleep(500);
        }
    }

    private static long MinorFaults() => long.Parse(File.ReadAllText("/proc/self/stat").Split(' ')[9]);
}
