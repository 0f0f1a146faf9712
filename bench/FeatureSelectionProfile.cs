using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// A Stopwatch profile of features → dense RBF → lazy greedy (<c>dotnet run -c Release --project bench --
/// profile-features 20000</c>): the Gram, the first pass and the lazy loop with pending lists and bounds (and, for
/// comparison, with live-entry lists only), minimum of 3 runs each, plus the whole
/// <see cref="FacilityLocation.Maximize(FeatureSimilarity, int, FacilityLocationOptions?)"/>.
/// </summary>
internal static class FeatureSelectionProfile
{
    public static void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20000;
        int k = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        int threads = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : -1;
        var x = new ReadOnlyMemory2D<float>(SelectionBlobs.Create(n, 64, seed: 1));
        {
            using DenseSimilaritySource source = DenseSimilarityLayout.FromKernel(x, x, representedIsPool: true, Kernel.Rbf(), threads);
            var probe = new CountingSource(source);
            float[] gains = source.FirstPass("s", threads, withPendingLists: true);
            var state = new GreedyState(probe, k, null, null, double.PositiveInfinity, null, threads);
            source.TrackLiveEntries(state.Coverage);
            LazyGreedy.Run(state, false, 4, 128, gains);
            Console.WriteLine($"re-evaluations {probe.Evaluations} ({(double)probe.Evaluations / k:F1} per pick), {probe.Bounds} answered with bounds");
        }

        double gram = double.MaxValue, first = double.MaxValue, loop = double.MaxValue, plainFirst = double.MaxValue, plainLoop = double.MaxValue, whole = double.MaxValue;
        for (int r = 0; r < 3; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            using DenseSimilaritySource source = DenseSimilarityLayout.FromKernel(x, x, representedIsPool: true, Kernel.Rbf(), threads);
            long t1 = Stopwatch.GetTimestamp();
            float[] gains = source.FirstPass("s", threads, withPendingLists: true);
            long t2 = Stopwatch.GetTimestamp();
            var state = new GreedyState(source, k, null, null, double.PositiveInfinity, null, threads);
            source.TrackLiveEntries(state.Coverage);
            LazyGreedy.Run(state, false, 4, 128, gains);
            long t3 = Stopwatch.GetTimestamp();
            float[] plainGains = source.FirstPass("s", threads, withPendingLists: false);
            long t4 = Stopwatch.GetTimestamp();
            var plainState = new GreedyState(source, k, null, null, double.PositiveInfinity, null, threads);
            source.TrackLiveEntries(plainState.Coverage);
            LazyGreedy.Run(plainState, false, 4, 128, plainGains);
            long t5 = Stopwatch.GetTimestamp();
            source.StopTrackingLiveEntries();
            FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf()), k, new FacilityLocationOptions { MaxDegreeOfParallelism = threads });
            long t6 = Stopwatch.GetTimestamp();
            gram = Math.Min(gram, Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            first = Math.Min(first, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            loop = Math.Min(loop, Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
            plainFirst = Math.Min(plainFirst, Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds);
            plainLoop = Math.Min(plainLoop, Stopwatch.GetElapsedTime(t4, t5).TotalMilliseconds);
            whole = Math.Min(whole, Stopwatch.GetElapsedTime(t5, t6).TotalMilliseconds);
        }

        Console.WriteLine($"n={n} k={k} threads {threads}, min of 3: Gram {gram:F1} ms, first pass {first:F1} ms, lazy loop {loop:F1} ms with pending lists (first pass {plainFirst:F1} ms, lazy loop {plainLoop:F1} ms with live-entry lists only), FacilityLocation.Maximize {whole:F1} ms");
    }
}
