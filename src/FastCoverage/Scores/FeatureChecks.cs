using CommunityToolkit.HighPerformance;

namespace FastCoverage.Scores;

/// <summary>Argument checks shared by the per-point scores.</summary>
internal static class FeatureChecks
{
    /// <summary>Throws <see cref="ArgumentException"/> if the feature matrix is empty or holds NaN/Inf.</summary>
    public static void ThrowIfEmptyOrNotFinite(ReadOnlySpan2D<float> features, string parameterName)
    {
        if (features.Height == 0 || features.Width == 0)
        {
            throw new ArgumentException($"{parameterName} is empty ({features.Height}×{features.Width}).", parameterName);
        }

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
