using System.Diagnostics;
using System.Globalization;
using CommunityToolkit.HighPerformance;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// A Stopwatch profile of k-center (<c>dotnet run -c Release --project bench -- profile-kcenter 100000 1000</c>): the
/// minimum of several runs of each k prefix (the traversal is deterministic, so differences between prefixes are the
/// cost of the picks in between), single-threaded and with every core.
/// </summary>
internal static class KCenterProfile
{
    public static void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        int k = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        int repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
        float[,] x = BenchData.GaussianBlobs(n, 64, 50, 42);
        var points = new ReadOnlySpan2D<float>(x);
        if (args.Length > 3 && args[3] == "tuning")
        {
            // profile-kcenter N K R tuning THRESHOLD CHUNK: the default tuning against the given one, interleaved.
            var custom = KCenterTuning.Default with
            {
                ParallelThreshold = int.Parse(args[4], CultureInfo.InvariantCulture),
                ChunkSize = int.Parse(args[5], CultureInfo.InvariantCulture),
            };
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

            Console.WriteLine($"default {times[0].Min():F1} ms (median {times[0].Order().ElementAt(repeats / 2):F1}); threshold {custom.ParallelThreshold}, chunk {custom.ChunkSize}: {times[1].Min():F1} ms (median {times[1].Order().ElementAt(repeats / 2):F1})");
            return;
        }

        if (args.Length > 3 && args[3] == "compare")
        {
            Compare(x, k, repeats);
            return;
        }

        int[] prefixes = [1, 10, 25, 50, 75, 100, 200, 500, k];
        foreach (bool before in new[] { true, false })
        foreach (int threads in new[] { -1, 1 })
        {
            double previous = 0;
            foreach (int prefix in prefixes.Where(p => p <= k).Distinct())
            {
                double best = double.MaxValue;
                for (int r = 0; r < repeats; r++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    if (before)
                    {
                        KCenterEngineBefore.Run(points, prefix, 0, true, threads);
                    }
                    else
                    {
                        KCenter.Select(points, prefix, 0, threads);
                    }
                    best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }

                Console.WriteLine($"{(before ? "before" : "now   ")} threads={threads,2} k={prefix,5}: {best,8:F2} ms (+{best - previous,7:F2} ms since the previous prefix)");
                previous = best;
            }
        }

        // A plain sequential full pass (one distance per row, min update), for calibration.
        var min = new float[n];
        Array.Fill(min, float.PositiveInfinity);
        double pass = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < n; i++)
            {
                float s = 0;
                for (int j = 0; j < 64; j++)
                {
                    float diff = x[i, j] - x[0, j];
                    s += diff * diff;
                }

                min[i] = MathF.Min(min[i], s);
            }

            pass = Math.Min(pass, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        Console.WriteLine($"scalar full pass: {pass:F2} ms");
    }

    /// <summary>Old (member lists) and new (cluster-ordered copy) engines interleaved: min and median wall time and min CPU time.</summary>
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
                    int[] picks = which == 0 ? KCenterEngineBefore.Run(points, k, 0, true, threads).Indices : KCenter.Select(points, k, 0, threads).Indices;
                    wall[which].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    cpu[which].Add((Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMilliseconds);
                    GC.KeepAlive(picks);
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
}
