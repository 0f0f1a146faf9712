using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Kernels;

public class GramArgumentTests
{
    private static readonly float[,] X = Reference.RandomMatrix(5, 3, 1);
    private static readonly float[,] Y = Reference.RandomMatrix(4, 3, 2);

    private static string Compute(float[,] x, float[,] y, float[,] k, Kernel kernel, int threads = -1)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(y), kernel, new Span2D<float>(k), threads));
        return e.ParamName!;
    }

    [Fact]
    public void Feature_dimensions_that_differ_are_rejected_naming_y() =>
        Assert.Equal("y", Compute(X, new float[4, 2], new float[5, 4], Kernel.Linear));

    [Fact]
    public void Empty_matrices_are_rejected() =>
        Assert.Equal("x", Compute(new float[0, 3], Y, new float[0, 4], Kernel.Linear));

    [Fact]
    public void Empty_y_is_rejected() =>
        Assert.Equal("y", Compute(X, new float[0, 3], new float[5, 0], Kernel.Linear));

    [Fact]
    public void A_destination_of_the_wrong_shape_is_rejected() =>
        Assert.Equal("destination", Compute(X, Y, new float[5, 5], Kernel.Linear));

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_values_are_rejected_with_their_position(float bad)
    {
        var x = (float[,])X.Clone();
        x[3, 1] = bad;
        var e = Assert.Throws<ArgumentException>(() => Gram.Compute(new ReadOnlySpan2D<float>(x), new ReadOnlySpan2D<float>(Y), Kernel.Linear, new Span2D<float>(new float[5, 4])));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("row 3, column 1", e.Message);
        var y = (float[,])Y.Clone();
        y[0, 2] = bad;
        Assert.Equal("y", Compute(X, y, new float[5, 4], Kernel.Rbf()));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_bad_RBF_bandwidth_is_rejected(float gamma) =>
        Assert.Equal("Gamma", Compute(X, Y, new float[5, 4], Kernel.Rbf(gamma)));

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_bad_degree_of_parallelism_is_rejected(int threads) =>
        Assert.Equal("maxDegreeOfParallelism", Compute(X, Y, new float[5, 4], Kernel.Linear, threads));

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(0, 6)]
    [InlineData(3, 2)]
    public void A_row_range_outside_X_is_rejected(int rowStart, int rowEnd)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Gram.ComputeRows(new ReadOnlySpan2D<float>(X), new ReadOnlySpan2D<float>(Y), Kernel.Linear, rowStart, rowEnd, new Span2D<float>(new float[Math.Max(0, rowEnd - rowStart), 4])));
        Assert.Equal("rowStart", e.ParamName);
    }

    [Fact]
    public void An_empty_row_range_writes_nothing()
    {
        Gram.ComputeRows(new ReadOnlySpan2D<float>(X), new ReadOnlySpan2D<float>(Y), Kernel.Linear, 2, 2, new Span2D<float>(new float[0, 4]));
    }

    [Fact]
    public void A_symmetric_destination_must_be_square_n_by_n()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Gram.ComputeSymmetric(new ReadOnlySpan2D<float>(X), Kernel.Linear, new Span2D<float>(new float[5, 4])));
        Assert.Equal("destination", e.ParamName);
    }
}
