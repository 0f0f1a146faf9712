using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// A Stopwatch profile of the sparse kNN facility-location path (<c>dotnet run -c Release --project bench -- profile-knn 50000</c>):
/// the graph build and the lazy selection on it (blobs, d = 64, RBF γ = 1/d, 100 neighbours, k = 1000), minimum of
/// the given number of runs (default 3), with the process CPU time of each phase; a fourth argument <c>duplicates</c>
/// makes every point a copy of one of 50 rows, <c>identical</c> of one row (the all-ties worst case of the threshold filter).
/// </summary>
internal static class KnnGraphProfile
{
    public static void Run(string[] args)
    {
        (int n, int runs, int threads) = (Argument(args, 0, 50000), Argument(args, 1, 3), Argument(args, 2, -1));
        const int Neighbors = 100, K = 1000;
        float[,] points = SelectionBlobs.Create(n, 64, seed: 1);
        int distinct = args.Length > 3 ? args[3] switch { "duplicates" => 50, "identical" => 1, _ => n } : n;
        for (int i = distinct; i < n; i++)
        {
            // Every point a copy of one of the first `distinct` rows: exact ties everywhere.
            for (int t = 0; t < 64; t++)
            {
                points[i, t] = points[i % distinct, t];
            }
        }

        var x = new ReadOnlyMemory2D<float>(points);
        double graph = double.MaxValue, graphCpu = double.MaxValue, lazy = double.MaxValue, lazyCpu = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            TimeSpan c0 = Process.GetCurrentProcess().TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            SparseSimilaritySource source = NearestNeighborGraph.Build(x, x, representedIsPool: true, Kernel.Rbf(), Neighbors, threads);
            long t1 = Stopwatch.GetTimestamp();
            TimeSpan c1 = Process.GetCurrentProcess().TotalProcessorTime;
            var state = new GreedyState(source, K, null, null, double.PositiveInfinity, null, threads);
            LazyGreedy.Run(state, false, 1, 1);
            long t2 = Stopwatch.GetTimestamp();
            TimeSpan c2 = Process.GetCurrentProcess().TotalProcessorTime;
            graph = Math.Min(graph, Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            lazy = Math.Min(lazy, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            graphCpu = Math.Min(graphCpu, (c1 - c0).TotalMilliseconds);
            lazyCpu = Math.Min(lazyCpu, (c2 - c1).TotalMilliseconds);
            Console.WriteLine($"run {r}: graph {Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds:F0} ms (cpu {(c1 - c0).TotalMilliseconds:F0}), lazy {Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds:F0} ms (cpu {(c2 - c1).TotalMilliseconds:F0}), entries {source.EntryCount}, checksum {Checksum(state)}");
        }

        long s0 = Stopwatch.GetTimestamp();
        int[] order = SpatialOrder.Compute(x.Span, SpatialOrder.PointsPerCell, threads);
        Console.WriteLine($"spatial order alone: {Stopwatch.GetElapsedTime(s0).TotalMilliseconds:F0} ms ({order.Length} points)");
        Console.WriteLine($"n={n}: min of {runs}: graph {graph:F0} ms (cpu {graphCpu:F0}), lazy {lazy:F0} ms (cpu {lazyCpu:F0})");
    }

    private static int Argument(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static string Checksum(GreedyState state)
    {
        FacilityLocationResult result = state.ToResult();
        long h = 17;
        foreach (int i in result.Indices)
        {
            h = (h * 31) + i;
        }

        return $"{h:X} F={result.Objectives[^1]:R}";
    }
}
