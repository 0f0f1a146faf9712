using CommunityToolkit.HighPerformance;

namespace FastCoverage.Valuation.Utilities;

/// <summary>Argument checks shared by the utilities that score a learner on a validation set.</summary>
internal static class ValidationSet
{
    /// <summary>Checks shapes, label ranges and finiteness of a training and a validation set.</summary>
    public static void Validate(ReadOnlySpan2D<float> x, ReadOnlySpan<int> labels, ReadOnlySpan2D<float> validX, ReadOnlySpan<int> validLabels, int classCount)
    {
        if (x.Width < 1)
        {
            throw new ArgumentException("x must have at least one column.", nameof(x));
        }

        if (validX.Width != x.Width)
        {
            throw new ArgumentException($"validX has {validX.Width} columns but x has {x.Width}.", nameof(validX));
        }

        if (labels.Length != x.Height)
        {
            throw new ArgumentException($"labels has {labels.Length} elements but x has {x.Height} rows.", nameof(labels));
        }

        if (validLabels.Length != validX.Height)
        {
            throw new ArgumentException($"validLabels has {validLabels.Length} elements but validX has {validX.Height} rows.", nameof(validLabels));
        }

        if (classCount < 1)
        {
            throw new ArgumentException($"classCount must be at least 1 (was {classCount}).", nameof(classCount));
        }

        ThrowIfOutOfRange(labels, classCount, nameof(labels));
        ThrowIfOutOfRange(validLabels, classCount, nameof(validLabels));
        Finite.ThrowIfNotFinite(x, nameof(x));
        Finite.ThrowIfNotFinite(validX, nameof(validX));
    }

    private static void ThrowIfOutOfRange(ReadOnlySpan<int> labels, int classCount, string parameterName)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException($"{parameterName} holds {labels[i]} at index {i}, outside [0, {classCount}).", parameterName);
            }
        }
    }
}
