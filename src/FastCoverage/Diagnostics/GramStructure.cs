using System.Numerics.Tensors;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Diagnostics;

/// <summary>
/// Redundancy diagnostics of the learner-geometry Gram G = k(X, X) (coverage-view Theorem 1, Corollary 2, Table 2):
/// the off-diagonal mass (label-free) and, given mode or class labels, the within/between block means, their
/// contrast, and the alignment of G with the label kernel.
/// </summary>
/// <remarks>
/// G is streamed through the Gram core in row blocks of its upper triangle (j ≥ i; the lower triangle is counted by
/// symmetry): O(n²·d) time, O(n) memory. Row sums are float32 (SIMD); totals are accumulated in double in row order,
/// so results do not depend on the number of threads.
/// </remarks>
public static class GramStructure
{
    /// <summary>Label-free diagnostics of G = k(X, X).</summary>
    /// <param name="features">X, n×d, finite.</param>
    /// <param name="kernel">The kernel (linear, cosine or RBF; squared Euclidean is a distance, not a Gram, and is rejected).</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <exception cref="ArgumentException">X is empty or not finite, or the kernel is squared Euclidean.</exception>
    public static GramStructureResult Compute(ReadOnlySpan2D<float> features, Kernel kernel, int maxDegreeOfParallelism = -1) =>
        Compute(features, kernel, new int[features.Height], withLabels: false, maxDegreeOfParallelism);

    /// <summary>Diagnostics of G = k(X, X) with the blocks given by <paramref name="labels"/> (modes or classes).</summary>
    /// <param name="features">X, n×d, finite.</param>
    /// <param name="kernel">The kernel (linear, cosine or RBF).</param>
    /// <param name="labels">One label per row of X.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <exception cref="ArgumentException">X is empty or not finite, lengths differ, or the kernel is squared Euclidean.</exception>
    public static GramStructureResult Compute(ReadOnlySpan2D<float> features, Kernel kernel, ReadOnlySpan<int> labels, int maxDegreeOfParallelism = -1) =>
        Compute(features, kernel, labels, withLabels: true, maxDegreeOfParallelism);

    private static GramStructureResult Compute(ReadOnlySpan2D<float> features, Kernel kernel, ReadOnlySpan<int> labels, bool withLabels, int maxDegreeOfParallelism)
    {
        int n = features.Height;
        if (n == 0 || features.Width == 0)
        {
            throw new ArgumentException($"The features must be non-empty; got {n}×{features.Width}.", nameof(features));
        }

        if (labels.Length != n)
        {
            throw new ArgumentException($"labels has {labels.Length} entries but the features have {n} rows.", nameof(labels));
        }

        if (kernel.Kind == KernelKind.SquaredEuclidean)
        {
            throw new ArgumentException("The squared Euclidean distance is not a Gram matrix; use linear, cosine or rbf.", nameof(kernel));
        }

        Finite.ThrowIfNotFinite(features, nameof(features));

        // Sort rows by label (stable) so that each class is one contiguous column range [classStart, classEnd).
        int[] order = Enumerable.Range(0, n).ToArray();
        int[] sortedLabels = labels.ToArray();
        Array.Sort(sortedLabels, order);
        var sorted = new float[n, features.Width];
        var sortedView = new Span2D<float>(sorted);
        for (int i = 0; i < n; i++)
        {
            features.GetRowSpan(order[i]).CopyTo(sortedView.GetRowSpan(i));
        }

        int[] classEnd = new int[n];
        long sameLabelPairs = 0;
        int classes = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end < n && sortedLabels[end] == sortedLabels[start])
            {
                end++;
            }

            for (int i = start; i < end; i++)
            {
                classEnd[i] = end;
            }

            sameLabelPairs += (long)(end - start) * (end - start);
            classes++;
            start = end;
        }

        double diagonalSum = 0;
        double diagonalSquares = 0;
        double offSum = 0;
        double offSquares = 0;
        double withinOffSum = 0;
        GramRows.ForEachUpperRow(new ReadOnlySpan2D<float>(sorted), kernel, maxDegreeOfParallelism, (i, row) =>
        {
            double g = row[0];
            diagonalSum += g;
            diagonalSquares += g * g;
            ReadOnlySpan<float> off = row[1..];
            offSum += 2.0 * TensorPrimitives.Sum(off);
            offSquares += 2.0 * TensorPrimitives.SumOfSquares(off);
            withinOffSum += 2.0 * TensorPrimitives.Sum(off[..(classEnd[i] - i - 1)]);
        });

        double total = diagonalSquares + offSquares;
        double offPairs = (double)n * (n - 1);
        double withinPairs = sameLabelPairs - n;
        double betweenPairs = offPairs - withinPairs;
        var result = new GramStructureResult
        {
            Count = n,
            OffDiagonalMass = total > 0 ? offSquares / total : 0,
            MeanOffDiagonal = n > 1 ? offSum / offPairs : double.NaN,
        };
        if (!withLabels)
        {
            return result;
        }

        return new GramStructureResult
        {
            Count = n,
            OffDiagonalMass = result.OffDiagonalMass,
            MeanOffDiagonal = result.MeanOffDiagonal,
            Classes = classes,
            WithinBlockMean = withinPairs > 0 ? withinOffSum / withinPairs : double.NaN,
            BetweenBlockMean = betweenPairs > 0 ? (offSum - withinOffSum) / betweenPairs : double.NaN,
            LabelAlignment = total > 0 ? (diagonalSum + withinOffSum) / (Math.Sqrt(total) * Math.Sqrt(sameLabelPairs)) : double.NaN,
        };
    }
}
