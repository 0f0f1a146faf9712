using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>
/// Skipping covered groups: the represented points are cut into groups of <see cref="GroupLength"/> consecutive entries,
/// and a group g whose largest similarity to the candidate is at most the smallest coverage in it,
/// max_{i∈g} sᵢⱼ ≤ min_{i∈g} curᵢ, adds nothing to the gain: every term max(sᵢⱼ − curᵢ, 0) is zero.
/// </summary>
/// <remarks>
/// Exactness: a group is a whole number of iterations of each vector path's main loop (64 floats = one iteration of
/// the 512-bit loop, two of the 256-bit loop, eight of the 128-bit loop), and each iteration only adds its terms to the
/// lane accumulators. Adding a zero to an accumulator that is ≥ +0 leaves it bit-for-bit unchanged, so skipping the
/// iterations of a dominated group gives the same float as <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float}, GainKernelPath)"/>,
/// not merely a close one; the entries after the last full group are always summed. How much is skipped depends on the
/// order of the represented points: groups of neighbouring points (<see cref="SpatialOrder"/>) are dominated as soon as
/// their region is covered, groups of scattered points hardly ever.
/// </remarks>
internal static partial class FacilityGainKernel
{
    /// <summary>Entries per group (a multiple of every vector path's main-loop stride).</summary>
    public const int GroupLength = 64;

    /// <summary>The number of full groups of a vector of <paramref name="length"/> entries (the remainder is never skipped).</summary>
    public static int GroupCount(int length) => length / GroupLength;

    /// <summary>
    /// <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, bit-identical, skipping every full group g with
    /// <paramref name="groupMaxima"/>[g] ≤ <paramref name="coverageGroupMinima"/>[g].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumSkippingCovered(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage, ReadOnlySpan<float> groupMaxima, ReadOnlySpan<float> coverageGroupMinima) =>
        SumSkippingCovered(similarity, coverage, groupMaxima, coverageGroupMinima, ActivePath);

    /// <summary>The skipping sum on a given path (which must be supported); the scalar path sums every entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SumSkippingCovered(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage, ReadOnlySpan<float> groupMaxima, ReadOnlySpan<float> coverageGroupMinima, GainKernelPath path)
    {
        int groups = GroupCount(similarity.Length);
        if (similarity.Length != coverage.Length || groupMaxima.Length != groups || coverageGroupMinima.Length != groups)
        {
            throw new ArgumentException($"Expected {similarity.Length} coverage entries and {groups} group bounds, got {coverage.Length}, {groupMaxima.Length} and {coverageGroupMinima.Length}.", nameof(coverage));
        }

        var filter = new CoveredGroups(groupMaxima, coverageGroupMinima);
        return path switch
        {
            GainKernelPath.Vector512 => SumVector512<PositivePartOfDifference, CoveredGroups>(similarity, coverage, filter),
            GainKernelPath.Vector256 => SumVector256<PositivePartOfDifference, CoveredGroups>(similarity, coverage, filter),
            GainKernelPath.Vector128 => SumVector128<PositivePartOfDifference, CoveredGroups>(similarity, coverage, filter),
            _ => SumScalar<PositivePartOfDifference>(similarity, coverage, 0, similarity.Length),
        };
    }

    /// <summary>maxima[g] = max of entries [64g, 64g + 64) of <paramref name="values"/>, for every full group.</summary>
    public static void GroupMaxima(ReadOnlySpan<float> values, Span<float> maxima) => GroupExtremes<MaximumOf>(values, maxima);

    /// <summary>minima[g] = min of entries [64g, 64g + 64) of <paramref name="values"/>, for every full group.</summary>
    public static void GroupMinima(ReadOnlySpan<float> values, Span<float> minima) => GroupExtremes<MinimumOf>(values, minima);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GroupExtremes<TExtreme>(ReadOnlySpan<float> values, Span<float> extremes)
        where TExtreme : IExtreme
    {
        int groups = GroupCount(values.Length);
        if (extremes.Length != groups)
        {
            throw new ArgumentException($"Expected {groups} group slots, got {extremes.Length}.", nameof(extremes));
        }

        ref float v = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated)
        {
            for (int g = 0; g < groups; g++)
            {
                nuint i = (nuint)(g * GroupLength);
                Vector512<float> e = TExtreme.Of(
                    TExtreme.Of(Vector512.LoadUnsafe(ref v, i), Vector512.LoadUnsafe(ref v, i + 16)),
                    TExtreme.Of(Vector512.LoadUnsafe(ref v, i + 32), Vector512.LoadUnsafe(ref v, i + 48)));
                Vector128<float> q = TExtreme.Of(TExtreme.Of(e.GetLower().GetLower(), e.GetLower().GetUpper()), TExtreme.Of(e.GetUpper().GetLower(), e.GetUpper().GetUpper()));
                q = TExtreme.Of(q, Vector128.Shuffle(q, Vector128.Create(2, 3, 0, 1)));
                q = TExtreme.Of(q, Vector128.Shuffle(q, Vector128.Create(1, 0, 3, 2)));
                extremes[g] = q.ToScalar();
            }

            return;
        }

        for (int g = 0; g < groups; g++)
        {
            ReadOnlySpan<float> group = values.Slice(g * GroupLength, GroupLength);
            float e = group[0];
            for (int i = 1; i < group.Length; i++)
            {
                e = TExtreme.Of(e, group[i]);
            }

            extremes[g] = e;
        }
    }

    /// <summary>Which main-loop groups a vector path may skip.</summary>
    private interface IGroupFilter
    {
        bool Skip(nuint group);
    }

    /// <summary>Sums every group.</summary>
    private readonly struct NoGroupSkipped : IGroupFilter
    {
        public bool Skip(nuint group) => false;
    }

    /// <summary>Skips the full groups whose largest similarity is at most their smallest coverage.</summary>
    private readonly ref struct CoveredGroups(ReadOnlySpan<float> groupMaxima, ReadOnlySpan<float> coverageGroupMinima) : IGroupFilter
    {
        private readonly ReadOnlySpan<float> maxima = groupMaxima;
        private readonly ReadOnlySpan<float> minima = coverageGroupMinima;

        // A partial last group (the 256- and 128-bit loops reach into it) is never skipped.
        public bool Skip(nuint group) => group < (nuint)maxima.Length && maxima[(int)group] <= minima[(int)group];
    }

    /// <summary>max or min, lane-wise (inputs are finite, so the native instructions are exact).</summary>
    private interface IExtreme
    {
        static abstract float Of(float a, float b);

        static abstract Vector128<float> Of(Vector128<float> a, Vector128<float> b);

        static abstract Vector512<float> Of(Vector512<float> a, Vector512<float> b);
    }

    private readonly struct MaximumOf : IExtreme
    {
        public static float Of(float a, float b) => MathF.Max(a, b);

        public static Vector128<float> Of(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);

        public static Vector512<float> Of(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    }

    private readonly struct MinimumOf : IExtreme
    {
        public static float Of(float a, float b) => MathF.Min(a, b);

        public static Vector128<float> Of(Vector128<float> a, Vector128<float> b) => Vector128.Min(a, b);

        public static Vector512<float> Of(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);
    }
}
