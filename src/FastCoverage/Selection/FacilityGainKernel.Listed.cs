using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastCoverage.Selection;

/// <summary>
/// The gain from a list of a row's entries: Σ max(sᵢ − curᵢ, 0) over listed (i, sᵢ) only, bit-identical to the full
/// pass <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float}, GainKernelPath)"/> whenever the list holds every entry
/// with sᵢ &gt; curᵢ.
/// </summary>
/// <remarks>
/// Exactness: the full pass adds each entry's term into one lane of one accumulator, fixed by the entry's index, the
/// row length and the path (entry i &lt; the main loop's end goes to slot i mod (width·unroll); the whole vectors after it
/// to lane i mod width of the first accumulator; the overlapping masked last vector to lane i − (length − width) of the
/// second), and then reduces the accumulators in a fixed order. An entry not listed has sᵢ ≤ curᵢ, so its term is +0
/// and adding it leaves its lane bit-for-bit unchanged. Adding the listed terms to the same lanes in increasing index
/// order, then reducing with the path's own expression, therefore gives the same float.
/// </remarks>
internal static partial class FacilityGainKernel
{
    /// <summary>
    /// Σ over the listed entries of max(values[t] − coverage[indices[t]], 0) in the order of
    /// <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float}, GainKernelPath)"/> on <paramref name="path"/> for a row
    /// as long as the coverage.
    /// </summary>
    /// <param name="indices">Strictly increasing indices into the coverage.</param>
    /// <param name="values">The row's entries at those indices.</param>
    /// <param name="coverage">The coverage of the whole row.</param>
    /// <param name="path">The path whose summation order to reproduce (which must be supported).</param>
    /// <param name="stillLive">
    /// How many listed entries are live (valuesₜ &gt; coverage): they are moved, in order, to the front of the list, so the
    /// list can be cut to them.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SumListed(Span<int> indices, Span<float> values, ReadOnlySpan<float> coverage, GainKernelPath path, out int stillLive)
    {
        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"{indices.Length} indices but {values.Length} values.", nameof(values));
        }

        int length = coverage.Length;
        // Each path hands rows shorter than its vector to the next narrower one, as the full pass does.
        if (path == GainKernelPath.Vector512 && length < Vector512<float>.Count)
        {
            path = GainKernelPath.Vector256;
        }

        if (path == GainKernelPath.Vector256 && length < Vector256<float>.Count)
        {
            path = GainKernelPath.Vector128;
        }

        if (path == GainKernelPath.Vector128 && length < Vector128<float>.Count)
        {
            path = GainKernelPath.Scalar;
        }

        // Dropping the dead entries first, sixteen at a time, leaves the lane sums only live ones, which need no check.
        bool allLive = PrunesSixteenAtATime(indices.Length);
        int live = KeepLive(indices, values, coverage);
        indices = indices[..live];
        values = values[..live];
        Span<float> lanes = stackalloc float[64];
        lanes.Clear();
        switch (path)
        {
            case GainKernelPath.Vector512:
            {
                stillLive = AddToLanes(indices, values, coverage, lanes, Vector512<float>.Count, 4, allLive);
                Vector512<float> a0 = Vector512.Create<float>(lanes[..16]), a1 = Vector512.Create<float>(lanes[16..32]);
                Vector512<float> a2 = Vector512.Create<float>(lanes[32..48]), a3 = Vector512.Create<float>(lanes[48..64]);
                return Vector512.Sum((a0 + a1) + (a2 + a3));
            }

            case GainKernelPath.Vector256:
            {
                stillLive = AddToLanes(indices, values, coverage, lanes, Vector256<float>.Count, 4, allLive);
                Vector256<float> a0 = Vector256.Create<float>(lanes[..8]), a1 = Vector256.Create<float>(lanes[8..16]);
                Vector256<float> a2 = Vector256.Create<float>(lanes[16..24]), a3 = Vector256.Create<float>(lanes[24..32]);
                return Vector256.Sum((a0 + a1) + (a2 + a3));
            }

            case GainKernelPath.Vector128:
            {
                stillLive = AddToLanes(indices, values, coverage, lanes, Vector128<float>.Count, 2, allLive);
                return Vector128.Sum(Vector128.Create<float>(lanes[..4]) + Vector128.Create<float>(lanes[4..8]));
            }

            default:
            {
                // The scalar path adds every term in index order; the unlisted ones are +0. A lane count of one is that order.
                stillLive = AddToLanes(indices, values, coverage, lanes, 1, 1, allLive);
                return lanes[0];
            }
        }
    }

    /// <summary>
    /// <see cref="Sum(ReadOnlySpan{float}, ReadOnlySpan{float})"/> (bit-identical) that also writes the indices of the
    /// live entries (similarityᵢ &gt; coverageᵢ), increasing, into <paramref name="live"/> and returns how many there are
    /// in <paramref name="count"/>, or a number above <paramref name="limit"/> when there are more. One read of the row on
    /// the 512-bit path; two (the sum, then <see cref="CollectLive"/>) on the others.
    /// </summary>
    /// <param name="similarity">The row.</param>
    /// <param name="coverage">The coverage.</param>
    /// <param name="live">Room for <paramref name="limit"/> + <see cref="GainAccumulator512.BlockLength"/> indices.</param>
    /// <param name="limit">The most indices wanted.</param>
    /// <param name="count">How many were found (above the limit: too many).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float SumCollectingLive(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage, Span<int> live, int limit, out int count)
    {
        int length = similarity.Length;
        if (ActivePath != GainKernelPath.Vector512 || length < GainAccumulator512.BlockLength || coverage.Length != length)
        {
            float gain = Sum(similarity, coverage);
            count = CollectLive(similarity, coverage, live, limit);
            return gain;
        }

        var sum = default(GainAccumulator512);
        int blocks = length & ~(GainAccumulator512.BlockLength - 1);
        count = 0;
        sum.AddBlocksCollectingLive(similarity[..blocks], coverage[..blocks], live, ref count, limit);
        for (int i = blocks; i < length && count <= limit; i++)
        {
            if (similarity[i] > coverage[i])
            {
                live[count++] = i;
            }
        }

        return sum.Finish<PositivePartOfDifference>(similarity, coverage, blocks);
    }

    /// <summary>
    /// Writes the indices of the live entries (similarityᵢ &gt; coverageᵢ) in increasing order and returns how many there
    /// are, or a number above <paramref name="limit"/> once there are more (the destination holds limit + 64).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CollectLive(ReadOnlySpan<float> similarity, ReadOnlySpan<float> coverage, Span<int> destination, int limit) =>
        CollectGreater(similarity, new ElementwiseBound(coverage), destination, limit);

    /// <summary>
    /// Writes the positions i with similarityᵢ &gt; boundᵢ in increasing order and returns how many there are, or a number
    /// above <paramref name="limit"/> once there are more (the destination holds limit + 64): one compare per vector and a
    /// bit scan per position found.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CollectGreater<TBound>(ReadOnlySpan<float> similarity, TBound bound, Span<int> destination, int limit)
        where TBound : ICollectionBound, allows ref struct
    {
        int length = similarity.Length;
        int count = 0;
        int i = 0;
        ref float s = ref MemoryMarshal.GetReference(similarity);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + Vector512<float>.Count <= length; i += Vector512<float>.Count)
            {
                count = Emit(destination, count, i, Vector512.GreaterThan(Vector512.LoadUnsafe(ref s, (nuint)i), bound.Vector512At(i)).ExtractMostSignificantBits());
                if (count > limit)
                {
                    return count;
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<float>.Count <= length; i += Vector256<float>.Count)
            {
                count = Emit(destination, count, i, Vector256.GreaterThan(Vector256.LoadUnsafe(ref s, (nuint)i), bound.Vector256At(i)).ExtractMostSignificantBits());
                if (count > limit)
                {
                    return count;
                }
            }
        }

        for (; i < length; i++)
        {
            if (similarity[i] > bound.At(i))
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

    /// <summary>Writes start + the position of every set bit of <paramref name="mask"/>, increasing, from destination[count] on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Emit(Span<int> destination, int count, int start, ulong mask)
    {
        while (mask != 0)
        {
            destination[count++] = start + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
        }

        return count;
    }

    /// <summary>What <see cref="CollectGreater{TBound}"/> compares each entry against, by position.</summary>
    private interface ICollectionBound
    {
        float At(int i);

        Vector256<float> Vector256At(int i);

        Vector512<float> Vector512At(int i);
    }

    /// <summary>A bound per entry: the coverage (live entries).</summary>
    private readonly ref struct ElementwiseBound(ReadOnlySpan<float> values) : ICollectionBound
    {
        private readonly ReadOnlySpan<float> values = values;

        public float At(int i) => values[i];

        public Vector256<float> Vector256At(int i) => Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)i);

        public Vector512<float> Vector512At(int i) => Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)i);
    }

    /// <summary>One bound for every entry: a threshold (entries above θ).</summary>
    private readonly struct UniformBound(float threshold) : ICollectionBound
    {
        public float At(int i) => threshold;

        public Vector256<float> Vector256At(int i) => Vector256.Create(threshold);

        public Vector512<float> Vector512At(int i) => Vector512.Create(threshold);
    }

    /// <summary>
    /// Moves the live listed entries (valuesₜ &gt; coverage[indicesₜ]) to the front of the list, in order, and returns how
    /// many there are: sixteen at a time with a gather and a compress where AVX-512 is there, otherwise none are moved
    /// (returns the whole length; the lane sums drop dead entries themselves).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe int KeepLive(Span<int> indices, Span<float> values, ReadOnlySpan<float> coverage)
    {
        int count = indices.Length;
        if (!PrunesSixteenAtATime(count))
        {
            return count;
        }

        ref int index = ref MemoryMarshal.GetReference(indices);
        ref float value = ref MemoryMarshal.GetReference(values);
        int kept = 0;
        int t = 0;
        fixed (float* cover = coverage)
        {
            for (; t + Vector512<int>.Count <= count; t += Vector512<int>.Count)
            {
                Vector512<int> i = Vector512.LoadUnsafe(ref index, (nuint)t);
                Vector512<float> x = Vector512.LoadUnsafe(ref value, (nuint)t);
                Vector512<float> c = Vector512.Create(
                    Avx2.GatherVector256(cover, i.GetLower(), sizeof(float)), Avx2.GatherVector256(cover, i.GetUpper(), sizeof(float)));
                Vector512<float> greater = Vector512.GreaterThan(x, c);
                // The stores start at kept ≤ t, so they overwrite only entries already loaded.
                Avx512F.Compress(Vector512<int>.Zero, greater.AsInt32(), i).StoreUnsafe(ref index, (nuint)kept);
                Avx512F.Compress(Vector512<float>.Zero, greater, x).StoreUnsafe(ref value, (nuint)kept);
                kept += BitOperations.PopCount(greater.ExtractMostSignificantBits());
            }
        }

        for (; t < count; t++)
        {
            int i = Unsafe.Add(ref index, t);
            float x = Unsafe.Add(ref value, t);
            if (x > coverage[i])
            {
                Unsafe.Add(ref index, kept) = i;
                Unsafe.Add(ref value, kept) = x;
                kept++;
            }
        }

        return kept;
    }

    /// <summary>Whether <see cref="KeepLive"/> drops the dead entries of a list this long (else it leaves the list as is).</summary>
    private static bool PrunesSixteenAtATime(int count) => Avx512F.IsSupported && Avx2.IsSupported && count >= Vector512<int>.Count;

    /// <summary>
    /// Adds each listed term to the lane the full pass of a vector path (<paramref name="width"/> floats per vector,
    /// <paramref name="unroll"/> accumulators, both powers of two) adds it to, lanes[a·width + l] being lane l of
    /// accumulator a, and moves the live entries to the front of the list; returns how many there are. With allLive
    /// (the list already pruned) every term is known to be positive: none is checked and nothing moves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AddToLanes(Span<int> indices, Span<float> values, ReadOnlySpan<float> coverage, Span<float> lanes, int width, int unroll, bool allLive)
    {
        int length = coverage.Length;
        int stride = width * unroll;
        int mainEnd = length - (length % stride);
        int wholeEnd = length - ((length - mainEnd) % width);
        int last = length - width;
        int count = indices.Length;
        ref int index = ref MemoryMarshal.GetReference(indices);
        ref float value = ref MemoryMarshal.GetReference(values);
        ref float cover = ref MemoryMarshal.GetReference(coverage);
        ref float lane = ref MemoryMarshal.GetReference(lanes);
        int kept = 0;
        int t = 0;
        if (allLive)
        {
            // valuesₜ > coverage: the difference is positive (no underflow to zero with subnormals), so it is the term.
            for (; t < count; t++)
            {
                int i = Unsafe.Add(ref index, t);
                if (i >= mainEnd)
                {
                    break;
                }

                Unsafe.Add(ref lane, i & (stride - 1)) += Unsafe.Add(ref value, t) - Unsafe.Add(ref cover, i);
            }

            for (; t < count; t++)
            {
                int i = Unsafe.Add(ref index, t);
                Unsafe.Add(ref lane, i < wholeEnd ? i & (width - 1) : width + (i - last)) += Unsafe.Add(ref value, t) - Unsafe.Add(ref cover, i);
            }

            return count;
        }

        // The main loop's entries, branch-free: a dead entry adds +0 to its lane (which leaves it bit-for-bit unchanged,
        // a lane never being −0) and is overwritten by the next live one.
        for (; t < count; t++)
        {
            int i = Unsafe.Add(ref index, t);
            if (i >= mainEnd)
            {
                break;
            }

            float x = Unsafe.Add(ref value, t);
            float term = x - Unsafe.Add(ref cover, i);
            Unsafe.Add(ref index, kept) = i;
            Unsafe.Add(ref value, kept) = x;
            kept += term > 0f ? 1 : 0;
            Unsafe.Add(ref lane, i & (stride - 1)) += Vector128.Max(Vector128.CreateScalarUnsafe(term), Vector128<float>.Zero).ToScalar();
        }

        for (; t < count; t++)
        {
            int i = Unsafe.Add(ref index, t);
            float x = Unsafe.Add(ref value, t);
            float term = x - Unsafe.Add(ref cover, i);
            if (term > 0f)
            {
                Unsafe.Add(ref lane, i < wholeEnd ? i & (width - 1) : width + (i - last)) += term;
                Unsafe.Add(ref index, kept) = i;
                Unsafe.Add(ref value, kept) = x;
                kept++;
            }
        }

        return kept;
    }
}
