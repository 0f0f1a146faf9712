using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Scores;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Valuation;

namespace FastCoverage.Tests.Scores;

/// <summary>Features passed as views with a pitch (columns sliced out of a wider matrix) give the same results as a contiguous copy.</summary>
public class StridedViewTests
{
    /// <summary>An n×(d + 3) matrix whose columns 1 … d form the view, and a contiguous copy of that view.</summary>
    private static (float[,] Wide, float[,] Copy) Strided(int n, int d, int seed)
    {
        float[,] wide = Reference.RandomMatrix(n, d + 3, seed);
        var copy = new float[n, d];
        View(wide).CopyTo(new Span2D<float>(copy));
        return (wide, copy);
    }

    private static ReadOnlySpan2D<float> View(float[,] wide) => new ReadOnlySpan2D<float>(wide).Slice(0, 1, wide.GetLength(0), wide.GetLength(1) - 3);

    [Fact]
    public void Scores_on_a_strided_view_equal_scores_on_a_contiguous_copy()
    {
        var (wide, copy) = Strided(45, 6, 1);
        ReadOnlySpan2D<float> view = View(wide);
        int[] labels = Enumerable.Range(0, 45).Select(i => i % 3).ToArray();
        Assert.Equal(RidgeLeverage.Compute(new ReadOnlySpan2D<float>(copy), 0.5), RidgeLeverage.Compute(view, 0.5));
        Assert.Equal(Prototypicality.Compute(new ReadOnlySpan2D<float>(copy), labels), Prototypicality.Compute(view, labels));
        Assert.Equal(Typicality.Compute(new ReadOnlySpan2D<float>(copy), 4, Kernel.Cosine), Typicality.Compute(view, 4, Kernel.Cosine));
    }

    [Fact]
    public void Knn_Shapley_on_strided_views_equals_knn_Shapley_on_contiguous_copies()
    {
        var (trainWide, trainCopy) = Strided(37, 5, 2);
        var (validWide, validCopy) = Strided(11, 5, 3);
        ReadOnlySpan2D<float> train = View(trainWide), valid = View(validWide);
        int[] labels = Enumerable.Range(0, 37).Select(i => i % 2).ToArray();
        int[] validLabels = Enumerable.Range(0, 11).Select(i => i % 2).ToArray();
        Assert.Equal(
            KnnShapley.Classification(new ReadOnlySpan2D<float>(trainCopy), labels, new ReadOnlySpan2D<float>(validCopy), validLabels, 3),
            KnnShapley.Classification(train, labels, valid, validLabels, 3));
    }
}
