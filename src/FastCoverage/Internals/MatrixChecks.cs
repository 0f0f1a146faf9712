using CommunityToolkit.HighPerformance;

namespace FastCoverage;

/// <summary>Shape checks on feature and similarity matrices shared by the scores, selection and valuation.</summary>
internal static class MatrixChecks
{
    /// <summary>Throws <see cref="ArgumentException"/> if the matrix has no rows or no columns.</summary>
    public static void ThrowIfEmpty(ReadOnlySpan2D<float> matrix, string parameterName)
    {
        if (matrix.Height == 0 || matrix.Width == 0)
        {
            throw new ArgumentException($"{parameterName} is empty ({matrix.Height}×{matrix.Width}).", parameterName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> if the feature matrix is empty or holds NaN/Inf.</summary>
    public static void ThrowIfEmptyOrNotFinite(ReadOnlySpan2D<float> features, string parameterName)
    {
        ThrowIfEmpty(features, parameterName);
        Finite.ThrowIfNotFinite(features, parameterName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless there is one label per feature row.</summary>
    public static void ThrowIfLengthDiffers(ReadOnlySpan2D<float> features, int labelCount, string parameterName)
    {
        if (labelCount != features.Height)
        {
            throw new ArgumentException($"{parameterName} has {labelCount} entries but there are {features.Height} feature rows.", parameterName);
        }
    }
}
