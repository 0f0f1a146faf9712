using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastCoverage.Selection;

/// <summary>
/// The state of <see cref="FacilityGainKernel"/>'s Vector512 path between blocks: four 16-lane accumulators, element
/// 64·b + 16·a + l of the sum going to lane l of accumulator a. A sum can be fed in pieces (any split at multiples of
/// <see cref="BlockLength"/>) and gives the bit-identical result of one pass over the whole length, so a long sum can be
/// computed piece by piece while each piece is in cache (the streamed similarity source does this).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GainAccumulator512
{
    /// <summary>Elements per block: four vectors of sixteen.</summary>
    public const int BlockLength = 64;

    private Vector512<float> a0;
    private Vector512<float> a1;
    private Vector512<float> a2;
    private Vector512<float> a3;

    /// <summary>Adds Σ f(xᵢ, yᵢ) over a piece whose length is a multiple of <see cref="BlockLength"/> and whose start is too.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddBlocks<TOperator>(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        where TOperator : IFusedBinaryOperator
    {
        var none = default(NoBlockObserver);
        AddBlocks<TOperator, NoBlockObserver>(x, y, ref none);
    }

    /// <summary>
    /// <see cref="AddBlocks{TOperator}"/> for the gain operator that also writes, in increasing order, the positions of the
    /// live entries (xᵢ &gt; yᵢ, the ones with a positive term) into <paramref name="live"/> while at most
    /// <paramref name="limit"/> have been found; past that it only sums.
    /// </summary>
    /// <param name="x">The similarities, a whole number of blocks from the row's start.</param>
    /// <param name="y">The coverage.</param>
    /// <param name="live">Room for <paramref name="limit"/> + <see cref="BlockLength"/> positions.</param>
    /// <param name="count">Positions written so far; above <paramref name="limit"/> once there are more live entries.</param>
    /// <param name="limit">The most positions wanted.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddBlocksCollectingLive(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<int> live, ref int count, int limit)
    {
        var collector = new LiveCollector(live, count, limit);
        AddBlocks<PositivePartOfDifference, LiveCollector>(x, y, ref collector);
        count = collector.Found;
    }

    /// <summary>
    /// <see cref="AddBlocks{TOperator}"/> for the gain operator against zero coverage (every yᵢ = +0, so y is not read)
    /// that also writes, in increasing order, the positions of the entries above <paramref name="threshold"/> (xᵢ &gt; θ)
    /// into <paramref name="above"/> while at most <paramref name="limit"/> have been found; past the limit it only sums.
    /// Each term is the operator's max(xᵢ − 0, 0), as in the full pass.
    /// </summary>
    /// <param name="x">The similarities, a whole number of blocks from the row's start.</param>
    /// <param name="threshold">θ.</param>
    /// <param name="above">Room for <paramref name="limit"/> + <see cref="BlockLength"/> positions.</param>
    /// <param name="count">Positions written so far; above <paramref name="limit"/> once there are more such entries.</param>
    /// <param name="limit">The most positions wanted.</param>
    /// <param name="allNonnegative">Whether every xᵢ is ≥ 0 (false for a negative entry or NaN): the row is checked in the same read.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddBlocksAtZeroCoverageCollectingAbove(ReadOnlySpan<float> x, float threshold, Span<int> above, ref int count, int limit, out bool allNonnegative)
    {
        Vector512<float> invalid = Vector512<float>.Zero;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref int positionsOut = ref MemoryMarshal.GetReference(above);
        Vector512<float> s0 = a0, s1 = a1, s2 = a2, s3 = a3;
        Vector512<float> theta = Vector512.Create(threshold);
        Vector512<int> sixteen = Vector512.Create(Vector512<int>.Count);
        int found = count;
        nuint width = (nuint)Vector512<float>.Count;
        nuint length = (nuint)x.Length;
        for (nuint i = 0; i < length; i += 4 * width)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref xr, i), x1 = Vector512.LoadUnsafe(ref xr, i + width);
            Vector512<float> x2 = Vector512.LoadUnsafe(ref xr, i + (2 * width)), x3 = Vector512.LoadUnsafe(ref xr, i + (3 * width));
            s0 += PositivePartOfDifference.Invoke(x0, Vector512<float>.Zero);
            s1 += PositivePartOfDifference.Invoke(x1, Vector512<float>.Zero);
            s2 += PositivePartOfDifference.Invoke(x2, Vector512<float>.Zero);
            s3 += PositivePartOfDifference.Invoke(x3, Vector512<float>.Zero);
            // x ≥ 0 is false for a negative entry and for NaN.
            invalid |= ~((Vector512.GreaterThanOrEqual(x0, Vector512<float>.Zero) & Vector512.GreaterThanOrEqual(x1, Vector512<float>.Zero))
                & (Vector512.GreaterThanOrEqual(x2, Vector512<float>.Zero) & Vector512.GreaterThanOrEqual(x3, Vector512<float>.Zero)));
            if (found > limit || !Avx512F.IsSupported)
            {
                continue;
            }

            // Branch-free: each vector's positions compressed in a register (the memory form is slow on some cores) and
            // stored whole; the next store starts after the ones kept. The destination has 64 spare slots.
            Vector512<int> positions = Vector512<int>.Indices + Vector512.Create((int)i);
            found = Keep(ref positionsOut, found, Vector512.GreaterThan(x0, theta), positions);
            found = Keep(ref positionsOut, found, Vector512.GreaterThan(x1, theta), positions + sixteen);
            found = Keep(ref positionsOut, found, Vector512.GreaterThan(x2, theta), positions + (sixteen + sixteen));
            found = Keep(ref positionsOut, found, Vector512.GreaterThan(x3, theta), positions + (sixteen + sixteen + sixteen));
        }

        a0 = s0;
        a1 = s1;
        a2 = s2;
        a3 = s3;
        count = found;
        allNonnegative = invalid == Vector512<float>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Keep(ref int positionsOut, int found, Vector512<float> greater, Vector512<int> positions)
    {
        Avx512F.Compress(Vector512<int>.Zero, greater.AsInt32(), positions).StoreUnsafe(ref positionsOut, (nuint)found);
        return found + System.Numerics.BitOperations.PopCount(greater.ExtractMostSignificantBits());
    }

    /// <summary>The block loop: the four accumulators, and an observer shown each block's operands (inlined away when empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddBlocks<TOperator, TObserver>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ref TObserver observer)
        where TOperator : IFusedBinaryOperator
        where TObserver : IBlockObserver, allows ref struct
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        Vector512<float> s0 = a0, s1 = a1, s2 = a2, s3 = a3;
        nuint width = (nuint)Vector512<float>.Count;
        nuint length = (nuint)x.Length;
        for (nuint i = 0; i < length; i += 4 * width)
        {
            Vector512<float> x0 = Vector512.LoadUnsafe(ref xr, i), y0 = Vector512.LoadUnsafe(ref yr, i);
            Vector512<float> x1 = Vector512.LoadUnsafe(ref xr, i + width), y1 = Vector512.LoadUnsafe(ref yr, i + width);
            Vector512<float> x2 = Vector512.LoadUnsafe(ref xr, i + (2 * width)), y2 = Vector512.LoadUnsafe(ref yr, i + (2 * width));
            Vector512<float> x3 = Vector512.LoadUnsafe(ref xr, i + (3 * width)), y3 = Vector512.LoadUnsafe(ref yr, i + (3 * width));
            s0 += TOperator.Invoke(x0, y0);
            s1 += TOperator.Invoke(x1, y1);
            s2 += TOperator.Invoke(x2, y2);
            s3 += TOperator.Invoke(x3, y3);
            observer.Block((int)i, x0, x1, x2, x3, y0, y1, y2, y3);
        }

        a0 = s0;
        a1 = s1;
        a2 = s2;
        a3 = s3;
    }

    /// <summary>Sees the operands of each 64-entry block the accumulator adds.</summary>
    private interface IBlockObserver
    {
        void Block(int start, Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3, Vector512<float> y0, Vector512<float> y1, Vector512<float> y2, Vector512<float> y3);
    }

    /// <summary>Observes nothing: the plain sum.</summary>
    private struct NoBlockObserver : IBlockObserver
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Block(int start, Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3, Vector512<float> y0, Vector512<float> y1, Vector512<float> y2, Vector512<float> y3)
        {
        }
    }

    /// <summary>Writes the positions with x &gt; y while at most the limit have been found.</summary>
    private ref struct LiveCollector(Span<int> live, int found, int limit) : IBlockObserver
    {
        private readonly Span<int> live = live;

        public int Found { get; private set; } = found;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Block(int start, Vector512<float> x0, Vector512<float> x1, Vector512<float> x2, Vector512<float> x3, Vector512<float> y0, Vector512<float> y1, Vector512<float> y2, Vector512<float> y3)
        {
            if (Found > limit)
            {
                return;
            }

            ulong mask = Vector512.GreaterThan(x0, y0).ExtractMostSignificantBits()
                | (Vector512.GreaterThan(x1, y1).ExtractMostSignificantBits() << 16)
                | (Vector512.GreaterThan(x2, y2).ExtractMostSignificantBits() << 32)
                | (Vector512.GreaterThan(x3, y3).ExtractMostSignificantBits() << 48);
            int found = Found;
            while (mask != 0)
            {
                live[found++] = start + System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
            }

            Found = found;
        }
    }

    /// <summary>
    /// Adds the last piece and reduces: whole vectors into the first accumulator, then one overlapping masked last vector
    /// (the lanes already counted are zeroed) into the second, then (a0 + a1) + (a2 + a3) summed across lanes.
    /// </summary>
    /// <param name="x">The last piece, at least 16 long, starting at a multiple of <see cref="BlockLength"/>.</param>
    /// <param name="y">The matching piece of the second operand.</param>
    /// <param name="start">Where in the piece the blocks already added end (a multiple of <see cref="BlockLength"/>; the rest is under 64).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly float Finish<TOperator>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int start)
        where TOperator : IFusedBinaryOperator
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        Vector512<float> s0 = a0, s1 = a1;
        nuint width = (nuint)Vector512<float>.Count;
        nuint length = (nuint)x.Length;
        nuint i = (nuint)start;
        for (; i + width <= length; i += width)
        {
            s0 += TOperator.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i));
        }

        if (i < length)
        {
            nuint last = length - width;
            Vector512<float> tail = TOperator.Invoke(Vector512.LoadUnsafe(ref xr, last), Vector512.LoadUnsafe(ref yr, last));
            Vector512<int> fresh = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last)));
            s1 += tail & fresh.AsSingle();
        }

        return Vector512.Sum((s0 + s1) + (a2 + a3));
    }

    /// <summary>The reduction alone: what <see cref="Finish"/> returns when the last piece adds only +0 terms.</summary>
    public readonly float Total() => Vector512.Sum((a0 + a1) + (a2 + a3));
}
