using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// A Stopwatch profile of memory-bounded (streaming) lazy greedy
/// (<c>dotnet run -c Release --project bench -- profile-streaming 50000 100 [batch [maxBatch]]</c>): blobs, d = 64, RBF γ = 1/d, U = X.
/// Times the preparation (U packed once), the all-candidate first pass and the lazy loop (its re-evaluation batches and
/// commits separately, with counters), and reports the process's peak working set and a checksum of the picks and gains
/// so that two builds can be compared.
/// </summary>
internal static class StreamingProfile
{
    public static void Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "kernel")
        {
            StreamingKernelProfile.Run(args[1..]);
            return;
        }

        int n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 50000;
        int k = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
        int batch = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16;
        int maxBatch = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : batch;
        var x = new ReadOnlyMemory2D<float>(SelectionBlobs.Create(n, 64, seed: 1));
        Process process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"n={n} d=64 k={k} batch={batch}..{maxBatch} threads={Environment.ProcessorCount}; working set after the features {process.WorkingSet64 / (1 << 20)} MiB");

        TimeSpan c0 = process.TotalProcessorTime;
        long t0 = Stopwatch.GetTimestamp();
        var source = new StreamingSimilaritySource(x, x, Kernel.Rbf(), -1);
        long t1 = Stopwatch.GetTimestamp();
        int[] all = Enumerable.Range(0, n).ToArray();
        float[] first = new float[n];
        source.Gains(all, new float[n], first, -1);
        long t2 = Stopwatch.GetTimestamp();
        process.Refresh();
        TimeSpan c2 = process.TotalProcessorTime;
        var counting = new CountingSource(source);
        var state = new GreedyState(counting, k, null, null, double.PositiveInfinity, null, -1);
        LazyGreedy.Run(state, false, batch, maxBatch, first);
        long t3 = Stopwatch.GetTimestamp();
        process.Refresh();
        TimeSpan c3 = process.TotalProcessorTime;

        double firstSeconds = Stopwatch.GetElapsedTime(t1, t2).TotalSeconds;
        Console.WriteLine($"prepare {Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds:F0} ms; first pass {firstSeconds:F2} s ({firstSeconds * 1e9 / ((double)n * n):F3} ns per entry; CPU {(c2 - c0).TotalSeconds:F2} s with the preparation)");
        Console.WriteLine($"lazy loop {Stopwatch.GetElapsedTime(t2, t3).TotalSeconds:F2} s: re-evaluations {counting.GainTicks / (double)Stopwatch.Frequency:F2} s "
            + $"({counting.Evaluations} gains, {(double)counting.Evaluations / k:F1} per pick, {counting.Batches} batches), covers {counting.CoverTicks / (double)Stopwatch.Frequency:F2} s; CPU {(c3 - c2).TotalSeconds:F2} s");
        FacilityLocationResult result = state.ToResult();
        long indexSum = 0;
        double gainSum = 0;
        for (int t = 0; t < result.Indices.Count; t++)
        {
            indexSum += (t + 1L) * result.Indices[t];
            gainSum += result.Gains[t];
        }

        process.Refresh();
        Console.WriteLine($"total {Stopwatch.GetElapsedTime(t0, t3).TotalSeconds:F2} s; peak working set {process.PeakWorkingSet64 / (1 << 20)} MiB; "
            + $"picks checksum {indexSum}, first picks {string.Join(",", result.Indices.Take(5))}, gain sum {gainSum:R}, first gain {result.Gains[0]:R}");
    }
}

/// <summary>
/// Single-thread CPU cost per entry of the streamed gains' pieces (<c>profile-streaming kernel [m]</c>): 224 candidate
/// rows against m represented columns, as micro-kernel plus epilogue only (<see cref="GramRowSource.ComputeBlock"/>)
/// and as the whole gain reduction (<see cref="StreamedGains"/>); linear (no exp) and RBF.
/// </summary>
internal static unsafe class StreamingKernelProfile
{
    public static void Run(string[] args)
    {
        int m = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20000;
        const int Rows = 224;
        var x = new ReadOnlyMemory2D<float>(SelectionBlobs.Create(m, 64, seed: 1));
        float[] cur = new float[m];
        float[] gains = new float[Rows];
        float[] buffer = GC.AllocateUninitializedArray<float>(Rows * 352, pinned: true);
        foreach (Kernel kernel in new[] { Kernel.Linear, Kernel.Rbf() })
        {
            var source = new GramRowSource(x.Span, kernel, Kernels.MicroKernels.GramMicroKernels.Default, 1);
            fixed (float* px = x.Span.GetRowSpan(0))
            fixed (float* pb = buffer)
            {
                PackedRows packed = source.PackRows(new MatrixView(px, m, 64, 64), 0, Rows, 1);
                double block = double.MaxValue, whole = double.MaxValue;
                for (int rep = 0; rep < 5; rep++)
                {
                    TimeSpan c0 = ThreadCpu();
                    for (int c = 0; c + 256 <= m; c += 256)
                    {
                        source.ComputeBlock(packed, c, 256, pb, 336);
                    }

                    TimeSpan c1 = ThreadCpu();
                    StreamedGains.Run(source, x.Span, 0, Rows, cur, gains, 1);
                    TimeSpan c2 = ThreadCpu();
                    block = Math.Min(block, (c1 - c0).TotalSeconds);
                    whole = Math.Min(whole, (c2 - c1).TotalSeconds);
                }

                double entries = (double)Rows * m;
                Console.WriteLine($"{kernel.Kind}: micro-kernel + epilogue {block * 1e9 / entries:F3} ns CPU per entry, whole gain reduction {whole * 1e9 / entries:F3} ns (min of 5, one thread)");
                float[] all = new float[m];
                double symmetric = double.MaxValue;
                for (int rep = 0; rep < 3; rep++)
                {
                    TimeSpan c0 = ThreadCpu();
                    SymmetricStreamedGains.Run(source, x.Span, null, cur, all, 1, null);
                    symmetric = Math.Min(symmetric, (ThreadCpu() - c0).TotalSeconds);
                }

                Console.WriteLine($"{kernel.Kind}: symmetric all-candidate pass {symmetric * 1e9 / ((double)m * m / 2):F3} ns CPU per computed entry (m²/2; min of 3, one thread)");
            }
        }
    }

    private static TimeSpan ThreadCpu()
    {
        // CLOCK_THREAD_CPUTIME_ID through the process's total time is not per thread; use the process time on one thread.
        var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime;
    }
}
