using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// A Stopwatch profile of features → dense RBF → lazy greedy (<c>dotnet run -c Release --project bench --
/// profile-features 20000</c>): the Gram in coherent order, the first pass, and the lazy loop skipping covered groups and reading
/// live-entry lists (and with neither) (minimum of 3 runs each), plus the whole <see cref="FacilityLocation.Maximize(FeatureSimilarity, int, FacilityLocationOptions?)"/>.
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
            var probe = new CountingSource(source, source);
            float[] gains = source.FirstPass("s", threads, withGroupMaxima: true);
            LazyGreedy.Run(new GreedyState(probe, k, null, null, double.PositiveInfinity, null, threads), false, 4, 128, gains);
            Console.WriteLine($"re-evaluations {probe.Evaluations} ({(double)probe.Evaluations / k:F1} per pick), share of groups read {probe.ReadShareSum / Math.Max(1, probe.Evaluations):P1}");
        }

        {
            double best = double.MaxValue;
            for (int r = 0; r < 5; r++)
            {
                long o0 = Stopwatch.GetTimestamp();
                DenseSimilarityLayout.RepresentedOrder(x.Span, threads);
                best = Math.Min(best, Stopwatch.GetElapsedTime(o0).TotalMilliseconds);
            }

            Console.WriteLine($"spatial order alone: {best:F1} ms (min of 5)");
        }

        double unorderedGram = double.MaxValue, unorderedFirst = double.MaxValue, unorderedLoop = double.MaxValue;
        double pendingFirst = double.MaxValue, pendingLoop = double.MaxValue, skippingOnly = double.MaxValue, gram = double.MaxValue, first = double.MaxValue, skipping = double.MaxValue, plain = double.MaxValue, whole = double.MaxValue;
        for (int r = 0; r < 3; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            using DenseSimilaritySource source = DenseSimilarityLayout.FromKernel(x, x, representedIsPool: true, Kernel.Rbf(), threads);
            long t1 = Stopwatch.GetTimestamp();
            float[] gains = source.FirstPass("s", threads, withGroupMaxima: true);
            long t2 = Stopwatch.GetTimestamp();
            var state = new GreedyState(source, k, null, null, double.PositiveInfinity, null, threads);
            source.TrackLiveEntries(state.Coverage);
            LazyGreedy.Run(state, false, 4, 128, gains);
            long t3 = Stopwatch.GetTimestamp();
            source.StopTrackingLiveEntries();
            float[] gainsAgain = source.FirstPass("s", threads, withGroupMaxima: true);
            long s0 = Stopwatch.GetTimestamp();
            LazyGreedy.Run(new GreedyState(source, k, null, null, double.PositiveInfinity, null, threads), false, 4, 128, gainsAgain);
            skippingOnly = Math.Min(skippingOnly, Stopwatch.GetElapsedTime(s0).TotalMilliseconds);
            using DenseSimilaritySource unskipped = DenseSimilarityLayout.FromKernel(x, x, representedIsPool: true, Kernel.Rbf(), threads);
            float[] plainGains = unskipped.FirstPass("s", threads, withGroupMaxima: false);
            long t4 = Stopwatch.GetTimestamp();
            LazyGreedy.Run(new GreedyState(unskipped, k, null, null, double.PositiveInfinity, null, threads), false, 4, 128, plainGains);
            long p0 = Stopwatch.GetTimestamp();
            float[] pendingGains = unskipped.FirstPass("s", threads, withGroupMaxima: false, withPendingLists: true);
            long p1 = Stopwatch.GetTimestamp();
            var pendingState = new GreedyState(unskipped, k, null, null, double.PositiveInfinity, null, threads);
            unskipped.TrackLiveEntries(pendingState.Coverage);
            LazyGreedy.Run(pendingState, false, 4, 128, pendingGains);
            unskipped.StopTrackingLiveEntries();
            pendingFirst = Math.Min(pendingFirst, Stopwatch.GetElapsedTime(p0, p1).TotalMilliseconds);
            pendingLoop = Math.Min(pendingLoop, Stopwatch.GetElapsedTime(p1).TotalMilliseconds);
            {
                long u0 = Stopwatch.GetTimestamp();
                using DenseSimilaritySource unordered = DenseSimilarityLayout.FromKernel(x, x, representedIsPool: true, Kernel.Rbf(), threads, spatialOrder: false);
                long u1 = Stopwatch.GetTimestamp();
                float[] unorderedGains = unordered.FirstPass("s", threads, withGroupMaxima: false, withPendingLists: true);
                long u2 = Stopwatch.GetTimestamp();
                var unorderedState = new GreedyState(unordered, k, null, null, double.PositiveInfinity, null, threads);
                unordered.TrackLiveEntries(unorderedState.Coverage);
                LazyGreedy.Run(unorderedState, false, 4, 128, unorderedGains);
                unorderedGram = Math.Min(unorderedGram, Stopwatch.GetElapsedTime(u0, u1).TotalMilliseconds);
                unorderedFirst = Math.Min(unorderedFirst, Stopwatch.GetElapsedTime(u1, u2).TotalMilliseconds);
                unorderedLoop = Math.Min(unorderedLoop, Stopwatch.GetElapsedTime(u2).TotalMilliseconds);
            }

            long t5 = Stopwatch.GetTimestamp();
            FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf()), k, new FacilityLocationOptions { MaxDegreeOfParallelism = threads });
            long t6 = Stopwatch.GetTimestamp();
            gram = Math.Min(gram, Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            first = Math.Min(first, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            skipping = Math.Min(skipping, Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
            plain = Math.Min(plain, Stopwatch.GetElapsedTime(t4, p0).TotalMilliseconds);
            whole = Math.Min(whole, Stopwatch.GetElapsedTime(t5, t6).TotalMilliseconds);
        }

        Console.WriteLine($"n={n} k={k} threads {threads}, min of 3: ordered Gram {gram:F1} ms, first pass {first:F1} ms, lazy loop {skipping:F1} ms skipping covered groups and reading live lists ({skippingOnly:F1} ms skipping only, {plain:F1} ms with neither), FacilityLocation.Maximize {whole:F1} ms");
        Console.WriteLine($"with pending lists instead of group maxima: first pass {pendingFirst:F1} ms, lazy loop {pendingLoop:F1} ms");
        Console.WriteLine($"with pending lists, no spatial order: Gram {unorderedGram:F1} ms, first pass {unorderedFirst:F1} ms, lazy loop {unorderedLoop:F1} ms");
    }
}
