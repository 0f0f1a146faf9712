using System.Numerics.Tensors;
using CommunityToolkit.HighPerformance;

namespace FastCoverage;

/// <summary>NaN/Inf checks with messages that say where the bad value is.</summary>
internal static class Finite
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first row and column that holds NaN or ±Inf.</summary>
    public static void ThrowIfNotFinite(ReadOnlySpan2D<float> matrix, string parameterName)
    {
        for (int i = 0; i < matrix.Height; i++)
        {
            ReadOnlySpan<float> row = matrix.GetRowSpan(i);
            // x − x is 0 for finite x and NaN for NaN/±Inf, so one pass finds both.
            if (!float.IsFinite(TensorPrimitives.Sum(row) * 0f))
            {
                for (int j = 0; j < row.Length; j++)
                {
                    if (!float.IsFinite(row[j]))
                    {
                        throw new ArgumentException($"{parameterName} holds {row[j]} at row {i}, column {j}; values must be finite.", parameterName);
                    }
                }
            }
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first index that holds NaN or ±Inf.</summary>
    public static void ThrowIfNotFinite(ReadOnlySpan<float> values, string parameterName)
    {
        for (int j = 0; j < values.Length; j++)
        {
            if (!float.IsFinite(values[j]))
            {
                throw new ArgumentException($"{parameterName} holds {values[j]} at index {j}; values must be finite.", parameterName);
            }
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static void ThrowIfNotPositive(double value, string parameterName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentException($"{parameterName} must be a finite positive number (was {value}).", parameterName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="value"/> is finite and ≥ 0.</summary>
    public static void ThrowIfNegative(double value, string parameterName)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException($"{parameterName} must be a finite number ≥ 0 (was {value}).", parameterName);
        }
    }
}
