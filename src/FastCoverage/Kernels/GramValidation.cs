using CommunityToolkit.HighPerformance;

namespace FastCoverage.Kernels;

/// <summary>Argument checks shared by the Gram entry points.</summary>
internal static class GramValidation
{
    public static void Check(ReadOnlySpan2D<float> x, ReadOnlySpan2D<float> y, int destinationHeight, int destinationWidth, int expectedHeight, string destinationName)
    {
        if (x.Height == 0 || x.Width == 0)
        {
            throw new ArgumentException($"X is empty ({x.Height}×{x.Width}).", nameof(x));
        }

        if (y.Height == 0 || y.Width == 0)
        {
            throw new ArgumentException($"Y is empty ({y.Height}×{y.Width}).", nameof(y));
        }

        if (x.Width != y.Width)
        {
            throw new ArgumentException($"X has {x.Width} columns but Y has {y.Width}.", nameof(y));
        }

        if (destinationHeight != expectedHeight || destinationWidth != y.Height)
        {
            throw new ArgumentException($"The destination is {destinationHeight}×{destinationWidth} but must be {expectedHeight}×{y.Height}.", destinationName);
        }

        Finite.ThrowIfNotFinite(x, nameof(x));
        Finite.ThrowIfNotFinite(y, nameof(y));
    }

    /// <summary>Accepts -1 (all cores) or a positive thread count.</summary>
    public static void CheckParallelism(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 for all cores or a positive thread count.");
        }
    }
}
