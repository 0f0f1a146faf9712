using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Scores;

/// <summary>
/// Label-free typicality t_i = (1/k) Σ_{j ∈ N_k(i)} s(φ_i, φ_j): the mean similarity of each point to its k most
/// similar other points, with s the kernel k(x, y), or −‖x − y‖² for <see cref="KernelKind.SquaredEuclidean"/> (so
/// that larger is more typical for every kind). This is the "global typicality" per-point scalar of the coverage view
/// of data valuation (§4, Table 4): a k-nearest-neighbour density estimate; points in dense regions score high.
/// </summary>
/// <remarks>
/// N_k(i) excludes i itself but not its duplicates. Which neighbours tie does not matter: the score is a sum of the
/// k largest similarities. Cost: one pass of the Gram core over n×n in blocks of rows (O(n²·d)) plus an O(n) expected
/// selection per row (a SIMD threshold scan for k ≤ 32, a three-way quickselect above); memory one 16 MB block (at
/// least one row). Results do not depend on the thread count.
/// </remarks>
public static class Typicality
{
    /// <summary>Floats per block of K's rows (16 MB): large blocks let the Gram core parallelize and amortize packing.</summary>
    private const int BlockFloats = 1 << 22;

    /// <summary>Computes t_i for every row of <paramref name="features"/>.</summary>
    /// <param name="features">Φ, n×d, n ≥ 2.</param>
    /// <param name="neighbors">k, 1 ≤ k ≤ n − 1.</param>
    /// <param name="kernel">The similarity (e.g. <see cref="Kernel.Cosine"/> or <see cref="Kernel.Rbf"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <returns>t, length n.</returns>
    /// <exception cref="ArgumentException">Φ is empty or not finite, or k is outside [1, n − 1].</exception>
    public static double[] Compute(ReadOnlySpan2D<float> features, int neighbors, Kernel kernel, int maxDegreeOfParallelism = -1)
    {
        MatrixChecks.ThrowIfEmptyOrNotFinite(features, nameof(features));
        int n = features.Height, d = features.Width;
        if (neighbors < 1 || neighbors > n - 1)
        {
            throw new ArgumentException($"neighbors (k) must be in [1, n − 1] = [1, {n - 1}] (was {neighbors}).", nameof(neighbors));
        }

        if (kernel.Kind == KernelKind.Rbf)
        {
            kernel.ResolveGamma(d);
        }

        double sign = kernel.Kind == KernelKind.SquaredEuclidean ? -1.0 : 1.0;
        var scores = new double[n];
        int blockRows = Math.Clamp(BlockFloats / n, 1, n);
        var buffer = new float[blockRows * n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        for (int i0 = 0; i0 < n; i0 += blockRows)
        {
            int i1 = Math.Min(n, i0 + blockRows), start = i0;
            Gram.ComputeRows(features, features, kernel, i0, i1, new Span2D<float>(buffer, i1 - i0, n), maxDegreeOfParallelism);
            Parallel.For(i0, i1, options, i =>
            {
                Span<float> row = buffer.AsSpan((i - start) * n, n);
                row[i] = row[n - 1]; // drop the point itself: move the last entry into its slot
                scores[i] = TopSelection.SumOfLargest(row[..(n - 1)], sign, neighbors) / neighbors;
            });
        }

        return scores;
    }
}
