using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Bench;

/// <summary>
/// Streaming K = k(X, Y) in row blocks, as selectors do: <see cref="Gram.ComputeRows"/> block by block into one
/// reused buffer, against one whole <see cref="Gram.Compute(ReadOnlySpan2D{float}, ReadOnlySpan2D{float}, Kernel, Span2D{float}, int)"/>
/// (the difference is the per-call preparation of Y and the smaller parallel work units).
/// </summary>
public class GramRowBlockBenchmarks
{
    private float[] x = [];
    private float[] y = [];
    private float[] block = [];
    private float[] k = [];

    /// <summary>Rows of X and of Y (odd and even).</summary>
    [Params(2001, 10000)]
    public int N { get; set; }

    /// <summary>Feature dimension.</summary>
    [Params(256)]
    public int D { get; set; }

    /// <summary>Rows per block.</summary>
    [Params(512)]
    public int Block { get; set; }

    /// <summary>Random X and Y, one block buffer, one full K.</summary>
    [GlobalSetup]
    public void Setup()
    {
        x = GramBenchmarks.RandomMatrix(N, D, 1);
        y = GramBenchmarks.RandomMatrix(N, D, 2);
        block = new float[Block * N];
        k = new float[N * N];
    }

    /// <summary>The whole RBF K at once.</summary>
    [Benchmark(Baseline = true)]
    public void WholeRbf() => Gram.Compute(new ReadOnlySpan2D<float>(x, N, D), new ReadOnlySpan2D<float>(y, N, D), Kernel.Rbf(), new Span2D<float>(k, N, N));

    /// <summary>The RBF K streamed in row blocks through one buffer.</summary>
    [Benchmark]
    public void StreamedRbf()
    {
        var xs = new ReadOnlySpan2D<float>(x, N, D);
        var ys = new ReadOnlySpan2D<float>(y, N, D);
        for (int i0 = 0; i0 < N; i0 += Block)
        {
            int rows = Math.Min(Block, N - i0);
            Gram.ComputeRows(xs, ys, Kernel.Rbf(), i0, i0 + rows, new Span2D<float>(block, rows, N));
        }
    }
}
