using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>
/// The first pass's lists: a row's gain together with the positions and values of its entries above a threshold θ.
/// Such a list holds every live entry (sᵢ &gt; curᵢ) of the row as soon as every curᵢ is at least θ (see
/// <see cref="LiveEntries"/>).
/// </summary>
internal static partial class FacilityGainKernel
{
    /// <summary>
    /// <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float})"/> (bit-identical) that also writes the positions of the
    /// entries above <paramref name="threshold"/>, increasing, into <paramref name="above"/> and the entries into
    /// <paramref name="aboveValues"/> (how many in <paramref name="count"/>, or a number above <paramref name="limit"/>
    /// when there are more). One read of the row on the 512-bit path (compressed in registers, branch-free); two on the others.
    /// </summary>
    /// <param name="similarity">The row, every entry ≥ 0.</param>
    /// <param name="coverage">The coverage the gain is taken against.</param>
    /// <param name="threshold">θ.</param>
    /// <param name="above">Room for <paramref name="limit"/> + <see cref="GainAccumulator512.BlockLength"/> positions.</param>
    /// <param name="aboveValues">As much room, for the entries at those positions.</param>
    /// <param name="limit">The most positions wanted.</param>
    /// <param name="count">How many were found (above the limit: too many).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SumCollectingAbove(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage, float threshold, Span<int> above, Span<float> aboveValues, int limit, out int count)
    {
        int length = similarity.Length;
        if (ActivePath != GainKernelPath.Vector512 || length < GainAccumulator512.BlockLength || coverage.Length != length)
        {
            float gain = Sum(similarity, coverage);
            count = CollectAbove(similarity, threshold, above, limit);
            for (int t = 0; t < Math.Min(count, limit); t++)
            {
                aboveValues[t] = similarity[above[t]];
            }

            return gain;
        }

        var sum = default(GainAccumulator512);
        int blocks = length & ~(GainAccumulator512.BlockLength - 1);
        count = 0;
        sum.AddBlocksCollectingAbove(similarity[..blocks], coverage[..blocks], threshold, above, aboveValues, ref count, limit);
        for (int i = blocks; i < length && count <= limit; i++)
        {
            if (similarity[i] > threshold)
            {
                aboveValues[count] = similarity[i];
                above[count++] = i;
            }
        }

        return sum.Finish<PositivePartOfDifference>(similarity, coverage, blocks);
    }

    /// <summary>
    /// Writes the positions of the entries above <paramref name="threshold"/> in increasing order and returns how many
    /// there are, or a number above <paramref name="limit"/> once there are more (the destination holds limit + 64).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CollectAbove(ReadOnlySpan<float> similarity, float threshold, Span<int> destination, int limit)
    {
        int length = similarity.Length;
        int count = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float s = ref MemoryMarshal.GetReference(similarity);
            Vector256<float> theta = Vector256.Create(threshold);
            for (; i + Vector256<float>.Count <= length; i += Vector256<float>.Count)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref s, (nuint)i);
                uint mask = Vector256.GreaterThan(x, theta).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    destination[count++] = i + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }

                if (count > limit)
                {
                    return count;
                }
            }
        }

        for (; i < length; i++)
        {
            if (similarity[i] > threshold)
            {
                if (count == limit)
                {
                    return count + 1;
                }

                destination[count++] = i;
            }
        }

        return count;
    }
}
