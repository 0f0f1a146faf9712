using System.Diagnostics;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Bench;

/// <summary>Times the Gram micro-kernels alone on hot, packed panels (<c>-- tune-micro [depth]</c>): the roof the blocked loop can reach.</summary>
internal static unsafe class MicroKernelTuning
{
    public static void Run(string[] args)
    {
        int depth = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 256;
        foreach (GramMicroKernel kernel in GramMicroKernels.Available)
        {
            float[] a = GramBenchmarks.RandomMatrix(kernel.Rows * depth + 16, 1, 1);
            float[] b = GramBenchmarks.RandomMatrix(kernel.Columns * depth + 16, 1, 2);
            var c = new float[kernel.Rows * kernel.Columns];
            int calls = Math.Max(1, 400_000_000 / (kernel.Rows * kernel.Columns * depth));
            fixed (float* pa = a, pb = b, pc = c)
            {
                kernel.MultiplyAdd(pa, pb, depth, pc, kernel.Columns, false);
                using var process = Process.GetCurrentProcess();
                process.Refresh();
                TimeSpan cpu0 = process.TotalProcessorTime;
                for (int r = 0; r < calls; r++)
                {
                    kernel.MultiplyAdd(pa, pb, depth, pc, kernel.Columns, false);
                }

                process.Refresh();
                double seconds = (process.TotalProcessorTime - cpu0).TotalSeconds;
                Console.WriteLine($"{kernel.Name,-10} {kernel.Rows}x{kernel.Columns} depth {depth}: {2.0 * kernel.Rows * kernel.Columns * depth * calls / seconds / 1e9:F1} GFLOP/s (one thread, CPU time)");
            }
        }
    }
}
