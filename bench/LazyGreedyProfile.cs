using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// A Stopwatch profile of dense lazy greedy (<c>dotnet run -c Release --project bench -- profile-lazy N [k] [batch]
/// [maxBatch] [blobs|uniform-rbf|uniform-cosine] [pending|no-pending]</c>): the time of the validating first pass and of
/// the whole selection, and deterministic counters (gain evaluations, bounds, re-evaluation batches per pick) from a
/// counting wrapper around the dense source. The profile's own runs keep pending lists or not as asked;
/// <see cref="FacilityLocation.Maximize(CommunityToolkit.HighPerformance.ReadOnlyMemory2D{float}, int, FacilityLocationOptions?, SimilarityLayout)"/>
/// always does.
/// </summary>
internal static class LazyGreedyProfile
{
    public static void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10000;
        int k = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        float[,] x = SelectionBlobs.Create(n, 64, seed: 1);
        // Data: 50 blobs (the benchmark's), or points uniform in [−1, 1)^64 without clusters under a wide RBF (γ = 0.2/d)
        // or cosine mapped to [0, 1], where pending lists cannot help and must not cost much.
        string data = args.Length > 4 ? args[4] : "blobs";
        if (data is not ("blobs" or "uniform-rbf" or "uniform-cosine"))
        {
            throw new ArgumentException($"Unknown data '{data}': blobs, uniform-rbf or uniform-cosine.");
        }

        if (data != "blobs")
        {
            var random = new Random(3);
            for (int i = 0; i < n; i++)
            {
                for (int t = 0; t < 64; t++)
                {
                    x[i, t] = (float)(random.NextDouble() * 2 - 1);
                }
            }
        }

        Memory2D<float> similarity = Gram.ComputeSymmetric(new ReadOnlyMemory2D<float>(x), data == "uniform-cosine" ? Kernel.Cosine : data == "uniform-rbf" ? Kernel.Rbf(0.2f / 64) : Kernel.Rbf());
        if (data == "uniform-cosine")
        {
            similarity.TryGetMemory(out Memory<float> all);
            foreach (ref float v in all.Span) { v = (v + 1f) / 2f; }
        }
        DenseSimilaritySource counted = DenseSimilarityLayout.FromCandidateMajor(similarity);
        var counting = new CountingSource(counted);
        bool pending = args.Length <= 5 || args[5] != "no-pending";
        float[] first = counted.FirstPass("s", -1, withPendingLists: pending);
        Console.WriteLine($"pending lists: {counted.Live?.Stored ?? 0} entries ({(counted.Live?.Stored ?? 0) * 8.0 / 1e6:F1} MB), threshold {(similarity.TryGetMemory(out Memory<float> flat) ? DenseSimilaritySource.PendingListThreshold(flat.Span) : float.NaN):G4}");
        var state = new GreedyState(counting, k, null, null, double.PositiveInfinity, null, -1);
        counted.TrackLiveEntries(state.Coverage);
        int batch = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2 * Environment.ProcessorCount;
        int maxBatch = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 128;
        long l0 = Stopwatch.GetTimestamp();
        LazyGreedy.Run(state, false, batch, maxBatch, first);
        Console.WriteLine($"lazy loop {Stopwatch.GetElapsedTime(l0).TotalMilliseconds:F1} ms: gains {counting.GainTicks * 1000.0 / Stopwatch.Frequency:F1} ms, cover {counting.CoverTicks * 1000.0 / Stopwatch.Frequency:F1} ms (the first run in the process)");
        {
            // The same counted run again, compiled: where a warm loop spends its time.
            using DenseSimilaritySource again = DenseSimilarityLayout.FromCandidateMajor(similarity);
            var counting2 = new CountingSource(again);
            float[] first2 = again.FirstPass("s", -1, withPendingLists: pending);
            var state2 = new GreedyState(counting2, k, null, null, double.PositiveInfinity, null, -1);
            again.TrackLiveEntries(state2.Coverage);
            long w0 = Stopwatch.GetTimestamp();
            LazyGreedy.Run(state2, false, batch, maxBatch, first2);
            Console.WriteLine($"warm lazy loop {Stopwatch.GetElapsedTime(w0).TotalMilliseconds:F1} ms: gains and bounds {counting2.GainTicks * 1000.0 / Stopwatch.Frequency:F1} ms, cover {counting2.CoverTicks * 1000.0 / Stopwatch.Frequency:F1} ms, {counting2.Batches} batches");
        }

        Console.WriteLine($"bounds {counting.Bounds}, floor of the pending lists {counted.Live!.Floor} (θ = {counted.Live.LargestPending})");
        Console.WriteLine($"live entries: {counted.Live!.Stored} stored ({counted.Live.Stored * 8.0 / 1e6:F1} MB)");
        Console.WriteLine($"n={n} k={k} batch={batch} maxBatch={maxBatch}: {counting.Evaluations} re-evaluations ({(double)counting.Evaluations / k:F1} per pick), {counting.Batches} batches ({(double)counting.Batches / k:F2} per pick), {counting.Sizes.Count} distinct batch sizes");
        // How much of a re-evaluation a per-64-group skip (group max of the row ≤ group min of cur) would save, at the
        // final coverage, over the candidates not selected.
        {
            float[] cur = state.Coverage;
            int groups = n / 64;
            long skippable = 0, total = 0;
            DenseSimilaritySource dense = DenseSimilarityLayout.FromCandidateMajor(similarity);
            for (int c = 0; c < n; c += 17)
            {
                if (state.InSelection[c])
                {
                    continue;
                }

                ReadOnlySpan<float> row = dense.Column(c);
                for (int g = 0; g < groups; g++)
                {
                    total++;
                    skippable += System.Numerics.Tensors.TensorPrimitives.Max(row.Slice(g * 64, 64)) <= System.Numerics.Tensors.TensorPrimitives.Min(cur.AsSpan(g * 64, 64)) ? 1 : 0;
                }
            }

            Console.WriteLine($"skippable 64-groups at the end: {100.0 * skippable / total:F1}%");
        }

        // Minimum of 5 runs of each phase: the least disturbed figure on a shared machine.
        double firstPass = double.MaxValue, loop = double.MaxValue, whole = double.MaxValue;
        for (int r = 0; r < 5; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            using DenseSimilaritySource source = DenseSimilarityLayout.FromCandidateMajor(similarity);
            float[] gains = source.FirstPass("s", -1, withPendingLists: pending);
            long t1 = Stopwatch.GetTimestamp();
            var run = new GreedyState(source, k, null, null, double.PositiveInfinity, null, -1);
            source.TrackLiveEntries(run.Coverage);
            LazyGreedy.Run(run, false, batch, maxBatch, gains);
            long t2 = Stopwatch.GetTimestamp();
            FacilityLocation.Maximize(similarity, k, null, SimilarityLayout.CandidateMajor);
            long t3 = Stopwatch.GetTimestamp();
            firstPass = Math.Min(firstPass, Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            loop = Math.Min(loop, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            whole = Math.Min(whole, Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
        }

        Console.WriteLine($"min of 5: first pass {firstPass:F1} ms, lazy loop {loop:F1} ms, FacilityLocation.Maximize {whole:F1} ms");
    }
}
