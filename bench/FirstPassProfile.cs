using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// Same-process A/B of dense lazy greedy's first pass (<c>dotnet run -c Release --project bench -- profile-first-pass 20000</c>):
/// the validating gain pass alone and with the pending lists, alternated over rounds so that both see the same machine
/// state; minimum and median of each.
/// </summary>
internal static class FirstPassProfile
{
    public static void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20000;
        int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 11;
        float[,] x = SelectionBlobs.Create(n, 64, seed: 1);
        Memory2D<float> similarity = Gram.ComputeSymmetric(new ReadOnlyMemory2D<float>(x), Kernel.Rbf());
        var plain = new List<double>();
        var pending = new List<double>();
        var pendingInOrder = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            foreach (bool withLists in new[] { false, true })
            {
                using DenseSimilaritySource source = DenseSimilarityLayout.FromCandidateMajor(similarity);
                long t0 = Stopwatch.GetTimestamp();
                source.FirstPass("s", -1, withPendingLists: withLists);
                double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                (withLists ? pending : plain).Add(ms);
                if (withLists)
                {
                    pendingInOrder.Add(ms);
                }
            }
        }

        static string Describe(List<double> times)
        {
            times.Sort();
            return $"min {times[0]:F1} ms, median {times[times.Count / 2]:F1} ms";
        }

        Console.WriteLine($"n={n}, {rounds} rounds: first pass {Describe(plain)}; with pending lists {Describe(pending)}");
        if (Environment.GetEnvironmentVariable("FASTCOVERAGE_PROFILE_VERBOSE") is not null)
        {
            Console.WriteLine($"with pending lists, in order: {string.Join(", ", pendingInOrder.Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}");
        }
    }
}
