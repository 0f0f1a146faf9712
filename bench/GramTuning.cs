using System.Diagnostics;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Bench;

/// <summary>
/// A quick back-to-back Stopwatch comparison with OpenBLAS for tuning the Gram kernel on a busy machine
/// (<c>dotnet run -c Release --project bench -- tune-gram [n] [d…]</c>); the figures of record come from
/// <see cref="GramBenchmarks"/>.
/// </summary>
internal static unsafe class GramTuning
{
    public static void Run(string[] args)
    {
        // "single" first: one thread on both sides, timed by process CPU time, which a busy machine distorts least.
        single = args.Length > 0 && args[0] == "single";
        if (single)
        {
            args = args[1..];
        }

        int n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        int[] depths = args.Length > 1 ? args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [64, 256, 768];
        int threads = single ? 1 : Environment.ProcessorCount;
        if (int.TryParse(Environment.GetEnvironmentVariable("GRAM_TUNE_DEPTH_BLOCK"), out int depthBlock))
        {
            GramTiles.DepthBlock = depthBlock;
        }

        OpenBlas.SetThreads(threads);
        Console.WriteLine($"OpenBLAS core: {OpenBlas.CoreName}, threads {threads}, n = {n}, timing by {(single ? "process CPU time" : "wall clock")}, depth block {GramTiles.DepthBlock}");
        foreach (int d in depths)
        {
            float[] x = GramBenchmarks.RandomMatrix(n, d, 1);
            float[] y = GramBenchmarks.RandomMatrix(n, d, 2);
            var k = new float[n * n];
            var xs = new ReadOnlyMemory2D<float>(x, n, d);
            var ys = new ReadOnlyMemory2D<float>(y, n, d);
            var ks = new Memory2D<float>(k, n, n);
            double flops = 2.0 * n * n * d;
            // Ours first, after a pause: OpenBLAS's idle worker threads spin for a while after a call, which would be
            // charged to the next measurement's process CPU time.
            Thread.Sleep(500);
            double ours = Best(() => Gram.Compute(xs.Span, ys.Span, Kernel.Linear, ks.Span, threads));
            double sym = Best(() => Gram.ComputeSymmetric(xs.Span, Kernel.Linear, ks.Span, threads));
            double rbf = Best(() => Gram.Compute(xs.Span, ys.Span, Kernel.Rbf(), ks.Span, threads));
            ours = Math.Min(ours, Best(() => Gram.Compute(xs.Span, ys.Span, Kernel.Linear, ks.Span, threads)));
            double blas, blasSyrk;
            fixed (float* px = x, py = y, pk = k)
            {
                float* cx = px, cy = py, ck = pk;
                blas = Best(() => OpenBlas.MultiplyTransposed(cx, cy, ck, n, n, d));
                blasSyrk = Best(() => OpenBlas.SymmetricRankK(cx, ck, n, d));
            }
            Console.WriteLine(
                $"d={d,4}: sgemm {flops / blas / 1e9,6:F1} GF/s | ours {flops / ours / 1e9,6:F1} GF/s ({blas / ours:F2}x) | " +
                $"ssyrk {blasSyrk * 1e3,7:F2} ms, ours sym {sym * 1e3,7:F2} ms (full/sym {ours / sym:F2}x) | " +
                $"rbf {rbf * 1e3,7:F2} ms, epilogue {(rbf - ours) * 1e9 / ((double)n * n):F3} ns/entry");
        }
    }

    /// <summary>
    /// <c>tune-sym [n] [d…]</c> (defaults 10000, 64): the full X·Xᵀ and the symmetric Gram with the ordinary and the
    /// streamed mirror (<see cref="GramTiles.StreamedMirror"/>), linear kernel, in interleaved rounds; min of the rounds,
    /// wall clock. Environment: <c>GRAM_TUNE_ROUNDS</c> (7), <c>GRAM_TUNE_PAUSE</c> ms before each round (0),
    /// <c>GRAM_TUNE_THREADS</c> (−1: all cores), <c>GRAM_TUNE_ALIGN</c> byte offset of K past a 64-byte boundary (24).
    /// </summary>
    public static void RunSymmetric(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10000;
        int[] depths = args.Length > 1 ? args[1..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [64];
        bool[] variants = [false, true];
        foreach (int d in depths)
        {
            float[] x = GramBenchmarks.RandomMatrix(n, d, 1);
            // K pinned, its first entry at GRAM_TUNE_ALIGN bytes past a 64-byte boundary (a multiple of 4; default 24).
            int align = int.TryParse(Environment.GetEnvironmentVariable("GRAM_TUNE_ALIGN"), out int a) ? a : 24;
            float[] k = GC.AllocateUninitializedArray<float>((n * n) + 16, pinned: true);
            int offset;
            fixed (float* pk = k)
            {
                offset = (int)((align - ((nint)pk % 64) + 64) % 64) / sizeof(float);
                Console.WriteLine($"n = {n}, d = {d}, K at {((nint)(pk + offset)) % 64} mod 64");
            }

            var xs = new ReadOnlyMemory2D<float>(x, n, d);
            var ks = new Memory2D<float>(k, offset, n, n, 0);

            double full = double.MaxValue;
            var best = new double[variants.Length];
            Array.Fill(best, double.MaxValue);
            for (int round = 0; round < Rounds; round++)
            {
                Thread.Sleep(Pause);
                full = Math.Min(full, Time(() => Gram.Compute(xs.Span, xs.Span, Kernel.Linear, ks.Span, Threads)));
                for (int u = 0; u < variants.Length; u++)
                {
                    // Rotated each round, so that no variant always runs right after another.
                    int v = (u + round) % variants.Length;
                    GramTiles.StreamedMirror = variants[v];
                    best[v] = Math.Min(best[v], Time(() => Gram.ComputeSymmetric(xs.Span, Kernel.Linear, ks.Span, Threads)));
                }
            }

            GramTiles.StreamedMirror = true;
            Console.Write($"  full {full * 1e3:F2} ms");
            for (int v = 0; v < variants.Length; v++)
            {
                Console.Write($" | {(variants[v] ? "streamed" : "ordinary")} mirror {best[v] * 1e3:F2} ms ({full / best[v]:F2}x)");
            }

            Console.WriteLine();
        }
    }

    private static int Pause => int.TryParse(Environment.GetEnvironmentVariable("GRAM_TUNE_PAUSE"), out int ms) ? ms : 0;

    private static int Threads => int.TryParse(Environment.GetEnvironmentVariable("GRAM_TUNE_THREADS"), out int t) ? t : -1;

    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("GRAM_TUNE_ROUNDS"), out int r) ? r : 7;

    private static double Time(Action action)
    {
        long t0 = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    private static bool single;

    private static double Best(Action action)
    {
        action();
        double best = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (int r = 0; r < 5; r++)
        {
            process.Refresh();
            TimeSpan cpu0 = process.TotalProcessorTime;
            long t0 = Stopwatch.GetTimestamp();
            action();
            process.Refresh();
            double seconds = single ? (process.TotalProcessorTime - cpu0).TotalSeconds : Stopwatch.GetElapsedTime(t0).TotalSeconds;
            best = Math.Min(best, seconds);
        }

        return best;
    }
}
