using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Bench;

/// <summary>
/// The Gram core against OpenBLAS in the same run, same thread count: X·Yᵀ (sgemm), X·Xᵀ (ssyrk vs the symmetric Gram)
/// and the RBF Gram (its epilogue cost per entry is (Rbf − Linear) / n²). Two jobs, because OpenBLAS reads
/// OPENBLAS_CORETYPE when it loads: its default kernel choice, and its AVX-512 SkylakeX kernels.
/// GFLOP/s = 2·n²·d / time for X·Yᵀ (n²·d for ssyrk, which computes one triangle).
/// Run: <c>dotnet run -c Release --project bench -- --filter '*GramBenchmarks*'</c>.
/// </summary>
[Config(typeof(OpenBlasJobs))]
public unsafe class GramBenchmarks
{
    private float[] x = [];
    private float[] y = [];
    private float[] k = [];

    /// <summary>Rows of X and of Y (2001 is the odd size).</summary>
    [Params(2000, 2001, 10000)]
    public int N { get; set; }

    /// <summary>Feature dimension.</summary>
    [Params(64, 256, 768)]
    public int D { get; set; }

    /// <summary>Random X, Y and the output K.</summary>
    [GlobalSetup]
    public void Setup()
    {
        x = RandomMatrix(N, D, 1);
        y = RandomMatrix(N, D, 2);
        k = new float[N * N];
        OpenBlas.SetThreads(Environment.ProcessorCount);
    }

    /// <summary>K = X·Yᵀ with OpenBLAS cblas_sgemm.</summary>
    [Benchmark(Baseline = true)]
    public void OpenBlasSgemm()
    {
        fixed (float* px = x, py = y, pk = k)
        {
            OpenBlas.MultiplyTransposed(px, py, pk, N, N, D);
        }
    }

    /// <summary>K = X·Yᵀ with the blocked Gram core (linear kernel).</summary>
    [Benchmark]
    public void GramLinear() => Gram.Compute(new ReadOnlySpan2D<float>(x, N, D), new ReadOnlySpan2D<float>(y, N, D), Kernel.Linear, new Span2D<float>(k, N, N));

    /// <summary>The upper triangle of X·Xᵀ with OpenBLAS cblas_ssyrk.</summary>
    [Benchmark]
    public void OpenBlasSsyrk()
    {
        fixed (float* px = x, pk = k)
        {
            OpenBlas.SymmetricRankK(px, pk, N, D);
        }
    }

    /// <summary>The full symmetric K = X·Xᵀ (tile pairs computed once, mirrored).</summary>
    [Benchmark]
    public void GramSymmetricLinear() => Gram.ComputeSymmetric(new ReadOnlySpan2D<float>(x, N, D), Kernel.Linear, new Span2D<float>(k, N, N));

    /// <summary>K = exp(−‖xᵢ − yⱼ‖²/d), the RBF Gram with the fused epilogue.</summary>
    [Benchmark]
    public void GramRbf() => Gram.Compute(new ReadOnlySpan2D<float>(x, N, D), new ReadOnlySpan2D<float>(y, N, D), Kernel.Rbf(), new Span2D<float>(k, N, N));

    /// <summary>Random row-major matrix, entries uniform in [−1, 1).</summary>
    internal static float[] RandomMatrix(int n, int d, int seed)
    {
        var random = new Random(seed);
        var m = new float[n * d];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = (2f * random.NextSingle()) - 1f;
        }

        return m;
    }

    /// <summary>One job with OpenBLAS's default kernel choice and one with OPENBLAS_CORETYPE=SkylakeX (AVX-512).</summary>
    private sealed class OpenBlasJobs : ManualConfig
    {
        public OpenBlasJobs()
        {
            // 2 warm-ups and 5 measured iterations per case keep the 90 cases near ten minutes on 2 cores; the
            // ratios of interest are taken within one job, back to back.
            Job measured = Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5);
            AddJob(measured.WithId("OpenBLAS-default"));
            AddJob(measured.WithEnvironmentVariables(new EnvironmentVariable("OPENBLAS_CORETYPE", "SkylakeX")).WithId("OpenBLAS-SkylakeX"));
        }
    }
}
