using System.Diagnostics;
using System.Globalization;
using CommunityToolkit.HighPerformance;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// Stopwatch profiles of k-center on the benchmark blobs (d = 64), <c>dotnet run -c Release --project bench --
/// profile-kcenter N K REPEATS [MODE]</c>, each against the previous engine (<see cref="KCenterEngineBefore"/>) or the
/// default tuning in the same process, interleaved:
/// no mode — the minimum time of each k prefix (the traversal is deterministic, so differences between prefixes are the
/// cost of the picks in between); <c>compare</c> — whole runs, min and median wall time and min process CPU time;
/// <c>tuning THRESHOLD CHUNK [SWITCH]</c> — the default tuning against the given parallel sizes and phase switch.
/// </summary>
internal static class KCenterProfile
{
    public static void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        int k = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        int repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
        float[,] x = BenchData.GaussianBlobs(n, 64, 50, 42);
        string mode = args.Length > 3 ? args[3] : "prefixes";
        switch (mode)
        {
            case "compare":
                Compare(x, k, repeats);
                break;
            case "tuning":
                Tuning(x, k, repeats, int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture), args.Length > 6 ? double.Parse(args[6], CultureInfo.InvariantCulture) : KCenterTuning.Default.SwitchFraction);
                break;
            default:
                Prefixes(x, k, repeats);
                break;
        }
    }

    private static void Prefixes(float[,] x, int k, int repeats)
    {
        var points = new ReadOnlySpan2D<float>(x);
        int[] prefixes = [1, 10, 25, 50, 75, 100, 200, 500, k];
        foreach (bool before in new[] { true, false })
        {
            foreach (int threads in new[] { -1, 1 })
            {
                double previous = 0;
                foreach (int prefix in prefixes.Where(p => p <= k).Distinct())
                {
                    double best = double.MaxValue;
                    for (int r = 0; r < repeats; r++)
                    {
                        long t0 = Stopwatch.GetTimestamp();
                        GC.KeepAlive(before ? KCenterEngineBefore.Run(points, prefix, 0, true, threads) : KCenter.Select(points, prefix, 0, threads));
                        best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    }

                    Console.WriteLine($"{(before ? "before" : "now   ")} threads={threads,2} k={prefix,5}: {best,8:F2} ms (+{best - previous,7:F2} ms since the previous prefix)");
                    previous = best;
                }
            }
        }
    }

    /// <summary>Old (member lists) and new engines interleaved: min and median wall time and min CPU time.</summary>
    private static void Compare(float[,] x, int k, int repeats)
    {
        var points = new ReadOnlySpan2D<float>(x);
        foreach (int threads in new[] { -1, 1 })
        {
            var wall = new List<double>[] { new(), new() };
            var cpu = new List<double>[] { new(), new() };
            for (int r = 0; r < repeats; r++)
            {
                for (int which = 0; which < 2; which++)
                {
                    TimeSpan c0 = Process.GetCurrentProcess().TotalProcessorTime;
                    long t0 = Stopwatch.GetTimestamp();
                    GC.KeepAlive(which == 0 ? KCenterEngineBefore.Run(points, k, 0, true, threads) : KCenter.Select(points, k, 0, threads));
                    wall[which].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    cpu[which].Add((Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMilliseconds);
                }
            }

            for (int which = 0; which < 2; which++)
            {
                wall[which].Sort();
                cpu[which].Sort();
                Console.WriteLine($"{(which == 0 ? "before" : "now   ")} threads={threads,2} n={x.GetLength(0)} k={k}: wall min {wall[which][0],7:F1} ms, median {wall[which][repeats / 2],7:F1} ms; CPU min {cpu[which][0],7:F1} ms");
            }
        }
    }

    private static void Tuning(float[,] x, int k, int repeats, int threshold, int chunk, double switchFraction)
    {
        var points = new ReadOnlySpan2D<float>(x);
        var custom = KCenterTuning.Default with { ParallelThreshold = threshold, ChunkSize = chunk, SwitchFraction = switchFraction };
        var times = new[] { new List<double>(), new List<double>() };
        for (int r = 0; r < repeats; r++)
        {
            for (int which = 0; which < 2; which++)
            {
                long t0 = Stopwatch.GetTimestamp();
                KCenterEngine.Run(points, k, 0, true, -1, which == 0 ? KCenterTuning.Default : custom);
                times[which].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }

        Console.WriteLine($"default {times[0].Min():F1} ms (median {times[0].Order().ElementAt(repeats / 2):F1}); threshold {threshold}, chunk {chunk}, switch {switchFraction}: {times[1].Min():F1} ms (median {times[1].Order().ElementAt(repeats / 2):F1})");
    }
}
