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
    /// <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float})"/> against zero coverage (bit-identical; the 512-bit path
    /// does not read the zeros) that also writes the positions of the
    /// entries above <paramref name="threshold"/>, increasing, into <paramref name="above"/> and the entries into
    /// <paramref name="aboveValues"/> (how many in <paramref name="count"/>, or a number above <paramref name="limit"/>
    /// when there are more). One read of the row on the 512-bit path (compressed in registers, branch-free); two on the others.
    /// </summary>
    /// <param name="similarity">The row, every entry ≥ 0.</param>
    /// <param name="zeros">As many +0 as the row has entries.</param>
    /// <param name="threshold">θ.</param>
    /// <param name="above">Room for <paramref name="limit"/> + <see cref="GainAccumulator512.BlockLength"/> positions.</param>
    /// <param name="aboveValues">As much room, for the entries at those positions.</param>
    /// <param name="limit">The most positions wanted.</param>
    /// <param name="count">How many were found (above the limit: too many).</param>
    /// <param name="allNonnegative">Whether every entry is ≥ 0 (false for a negative entry or NaN), checked in the same read.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SumAtZeroCoverageCollectingAbove(ReadOnlySpan<float> similarity, ReadOnlySpan<float> zeros, float threshold, Span<int> above, Span<float> aboveValues, int limit, out int count, out bool allNonnegative)
    {
        int length = similarity.Length;
        if (ActivePath != GainKernelPath.Vector512 || !System.Runtime.Intrinsics.X86.Avx512F.IsSupported || length < GainAccumulator512.BlockLength || zeros.Length != length)
        {
            allNonnegative = FacilityLocationValidation.AllNonnegative(similarity);
            float gain = Sum(similarity, zeros);
            count = CollectAbove(similarity, threshold, above, limit);
            Gather(similarity, above, aboveValues, count, limit);
            return gain;
        }

        var sum = default(GainAccumulator512);
        int blocks = length & ~(GainAccumulator512.BlockLength - 1);
        count = 0;
        sum.AddBlocksAtZeroCoverageCollectingAbove(similarity[..blocks], threshold, above, ref count, limit, out allNonnegative);
        for (int i = blocks; i < length; i++)
        {
            allNonnegative &= similarity[i] >= 0f;
        }

        for (int i = blocks; i < length && count <= limit; i++)
        {
            if (similarity[i] > threshold)
            {
                above[count++] = i;
            }
        }

        // The values from the row, still in cache (compressing them in the pass as well measured slower).
        Gather(similarity, above, aboveValues, count, limit);
        return sum.Finish<PositivePartOfDifference>(similarity, zeros, blocks);
    }

    /// <summary>values[t] ← row[positions[t]] for the first min(count, limit) positions.</summary>
    private static void Gather(ReadOnlySpan<float> row, ReadOnlySpan<int> positions, Span<float> values, int count, int limit)
    {
        int n = Math.Min(count, limit);
        ref float r = ref MemoryMarshal.GetReference(row);
        for (int t = 0; t < n; t++)
        {
            values[t] = Unsafe.Add(ref r, positions[t]);
        }
    }

    /// <summary>
    /// Writes the positions of the entries above <paramref name="threshold"/> in increasing order and returns how many
    /// there are, or a number above <paramref name="limit"/> once there are more (the destination holds limit + 64).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CollectAbove(ReadOnlySpan<float> similarity, float threshold, Span<int> destination, int limit) =>
        CollectGreater(similarity, new UniformBound(threshold), destination, limit);
}
