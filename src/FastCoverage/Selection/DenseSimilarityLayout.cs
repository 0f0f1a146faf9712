using System.Buffers;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Selection;

/// <summary>
/// Puts a dense similarity into the candidate-major layout the gain kernel reads contiguously: the caller's sᵀ
/// as is, a transposed copy of the caller's s, or a kernel matrix k(X, U) computed straight into that layout.
/// </summary>
internal static class DenseSimilarityLayout
{
    /// <summary>Tile edge of the blocked transpose (a 64×64 float tile is 16 KiB, within L1).</summary>
    private const int Tile = 64;

    /// <summary>Wraps sᵀ (n × |U|) without a copy when it is contiguous.</summary>
    public static DenseSimilaritySource FromCandidateMajor(ReadOnlyMemory2D<float> transposed)
    {
        if (!transposed.TryGetMemory(out ReadOnlyMemory<float> flat))
        {
            flat = transposed.ToArray().AsMemory2D().TryGetMemory(out Memory<float> copy) ? copy : throw new InvalidOperationException("A fresh 2-D array is contiguous.");
        }

        return new DenseSimilaritySource(flat, transposed.Height, transposed.Width);
    }

    /// <summary>Copies s (|U| × n) into sᵀ (pooled storage, returned by the source's Dispose) by 64×64 tiles, tiles of candidates in parallel.</summary>
    public static DenseSimilaritySource FromRepresentedMajor(ReadOnlyMemory2D<float> similarity, int maxDegreeOfParallelism)
    {
        int represented = similarity.Height;
        int candidates = similarity.Width;
        // Rented uncleared (every entry is written below) and returned by the source's Dispose; see FromKernel.
        float[] transposed = ArrayPool<float>.Shared.Rent(candidates * represented);
        int tiles = (candidates + Tile - 1) / Tile;
        Parallel.For(0, tiles, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, t =>
        {
            ReadOnlySpan2D<float> s = similarity.Span;
            int j0 = t * Tile;
            int j1 = Math.Min(candidates, j0 + Tile);
            for (int i0 = 0; i0 < represented; i0 += Tile)
            {
                int i1 = Math.Min(represented, i0 + Tile);
                for (int i = i0; i < i1; i++)
                {
                    ReadOnlySpan<float> row = s.GetRowSpan(i);
                    for (int j = j0; j < j1; j++)
                    {
                        transposed[((long)j * represented) + i] = row[j];
                    }
                }
            }
        });
        return new DenseSimilaritySource(transposed.AsMemory(0, candidates * represented), candidates, represented, pooledStorage: transposed);
    }

    /// <summary>
    /// Computes k(X, U) (n × |U|, candidate-major) through the Gram core, k(X, X) by the symmetric routine when the pool
    /// represents itself, and maps it to nonnegative similarities.
    /// </summary>
    public static DenseSimilaritySource FromKernel(ReadOnlyMemory2D<float> candidates, ReadOnlyMemory2D<float> represented, bool representedIsPool, Kernel kernel, int maxDegreeOfParallelism)
    {
        int n = candidates.Height;
        int m = represented.Height;
        if ((long)n * m > int.MaxValue)
        {
            throw new ArgumentException($"A dense {n}×{m} similarity has more than 2³¹ − 1 entries; use streaming or nearest-neighbour storage.", "similarity");
        }

        // Every entry is written by the Gram core, so the (up to gigabytes of) storage need not be zeroed. It is rented
        // from the shared pool and returned when the selection ends (the source's Dispose): a fresh array costs a page
        // fault per 4 KiB on first touch (≈ 0.5 s for the 1.6 GB of n = 20000 on the project's VM, more than the whole
        // selection), which repeated selections then pay only once.
        float[] values = ArrayPool<float>.Shared.Rent(n * m);
        var destination = new Span2D<float>(values, 0, n, m, 0);
        if (representedIsPool)
        {
            Gram.ComputeSymmetric(represented.Span, kernel, destination, maxDegreeOfParallelism);
        }
        else
        {
            Gram.Compute(candidates.Span, represented.Span, kernel, destination, maxDegreeOfParallelism);
        }

        if (kernel.Kind != KernelKind.Rbf)
        {
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, j => NonnegativeSimilarity.Apply(kernel.Kind, values.AsSpan(j * m, m)));
        }

        return new DenseSimilaritySource(values.AsMemory(0, n * m), n, m, pooledStorage: values);
    }
}
