using CommunityToolkit.HighPerformance;

namespace FastCoverage.Valuation.Learners;

/// <summary>Argument checks shared by the learners' Fit methods.</summary>
internal static class TrainingSet
{
    /// <summary>
    /// Checks that labels match x, that every entry of <paramref name="rows"/> indexes a row of x whose values are
    /// finite and whose label lies in [0, classCount).
    /// </summary>
    public static void Validate(ReadOnlySpan2D<float> x, ReadOnlySpan<int> labels, ReadOnlySpan<int> rows, int classCount)
    {
        if (x.Width < 1)
        {
            throw new ArgumentException("x must have at least one column.", nameof(x));
        }

        if (labels.Length != x.Height)
        {
            throw new ArgumentException($"labels has {labels.Length} elements but x has {x.Height} rows.", nameof(labels));
        }

        if (classCount < 1)
        {
            throw new ArgumentException($"classCount must be at least 1 (was {classCount}).", nameof(classCount));
        }

        foreach (int r in rows)
        {
            if ((uint)r >= (uint)x.Height)
            {
                throw new ArgumentException($"rows holds {r}, outside [0, {x.Height}).", nameof(rows));
            }

            if ((uint)labels[r] >= (uint)classCount)
            {
                throw new ArgumentException($"labels holds {labels[r]} at index {r}, outside [0, {classCount}).", nameof(labels));
            }

            Finite.ThrowIfNotFinite(x.GetRowSpan(r), nameof(x));
        }
    }

    /// <summary>The indices 0 … n − 1.</summary>
    public static int[] AllRows(int n)
    {
        var rows = new int[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = i;
        }

        return rows;
    }
}
