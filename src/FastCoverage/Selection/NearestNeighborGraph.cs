using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Selection;

/// <summary>
/// Builds the sparse k-nearest-neighbour facility-location similarity: for every represented point uᵢ, the
/// <c>neighbors</c> candidates with the largest nonnegative similarity sᵢⱼ (for RBF: the smallest distances), exact,
/// ties by lowest index; when the pool represents itself, each point also keeps itself (sᵢᵢ) besides its neighbours.
/// Rows of k(U, X) are computed in blocks through the Gram core (X packed once), so the memory is one block of rows, not |U|×n.
/// Cost: O(|U|·n·d) kernel work plus O(|U|·n) selection; the result is stored candidate-major.
/// </summary>
internal static class NearestNeighborGraph
{
    /// <summary>Floats per block of kernel rows (16 MiB).</summary>
    private const long BlockFloats = 1L << 22;

    public static SparseSimilaritySource Build(ReadOnlyMemory2D<float> candidates, ReadOnlyMemory2D<float> represented, bool representedIsPool, Kernel kernel, int neighbors, int maxDegreeOfParallelism)
    {
        int n = candidates.Height;
        int m = represented.Height;
        int perRow = representedIsPool ? neighbors + 1 : neighbors;
        int[] rowCandidates = new int[(long)m * perRow];
        float[] rowValues = new float[(long)m * perRow];
        int blockRows = (int)Math.Clamp(BlockFloats / n, 1, m);
        float[] block = new float[(long)blockRows * n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        var packedCandidates = new GramRowSource(candidates.Span, kernel, GramMicroKernels.Default, maxDegreeOfParallelism);
        for (int i0 = 0; i0 < m; i0 += blockRows)
        {
            int i1 = Math.Min(m, i0 + blockRows);
            packedCandidates.ComputeRows(represented.Span, i0, i1, new Span2D<float>(block, i1 - i0, n), maxDegreeOfParallelism);
            int blockStart = i0;
            Parallel.For(blockStart, i1, options, i =>
            {
                Span<float> row = block.AsSpan((i - blockStart) * n, n);
                NonnegativeSimilarity.Apply(kernel.Kind, row);
                Span<int> keptCandidates = rowCandidates.AsSpan(i * perRow, perRow);
                Span<float> keptValues = rowValues.AsSpan(i * perRow, perRow);
                int self = representedIsPool ? i : -1;
                TopSimilarities.Select(row, neighbors, self, keptCandidates[..neighbors], keptValues[..neighbors]);
                if (representedIsPool)
                {
                    keptCandidates[neighbors] = i;
                    keptValues[neighbors] = row[i];
                }
            });
        }

        return Transpose(rowCandidates, rowValues, m, n, perRow);
    }

    /// <summary>Turns per-represented-row neighbour lists into candidate-major compressed rows, represented indices ascending.</summary>
    private static SparseSimilaritySource Transpose(int[] rowCandidates, float[] rowValues, int m, int n, int perRow)
    {
        int[] offsets = new int[n + 1];
        foreach (int j in rowCandidates)
        {
            offsets[j + 1]++;
        }

        for (int j = 0; j < n; j++)
        {
            offsets[j + 1] += offsets[j];
        }

        int[] next = offsets[..n];
        int[] represented = new int[rowCandidates.Length];
        float[] values = new float[rowValues.Length];
        for (int i = 0; i < m; i++)
        {
            for (int e = i * perRow; e < (i + 1) * perRow; e++)
            {
                int slot = next[rowCandidates[e]]++;
                represented[slot] = i;
                values[slot] = rowValues[e];
            }
        }

        return new SparseSimilaritySource(offsets, represented, values, m);
    }
}
