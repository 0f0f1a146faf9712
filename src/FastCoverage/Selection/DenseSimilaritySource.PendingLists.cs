using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Selection;

/// <summary>
/// The dense source's pending lists (made by lazy greedy's first pass, <see cref="FirstPass"/>): each row's entries above
/// a threshold θ. A list becomes usable once every coverage entry is at least θ; before that it still gives an upper bound
/// on the gain (<see cref="GainsOrBounds"/>). Either way the first re-evaluation of most candidates reads their list, not
/// their row.
/// </summary>
/// <remarks>
/// The bound: the terms max(sᵢ − curᵢ, 0) of the entries a list left out add up to at most both
/// H = Σᵢ max(θ − curᵢ, 0) (each such entry is at most θ) and R, the sum of the left-out entries themselves (the row's
/// sum less the kept entries, recorded with the list), so the gain is at most L + min(R, H) with L the listed terms' sum.
/// In floating point: the computed gain sums |U| nonnegative rounded terms, so it exceeds the exact sum of those terms
/// by at most a factor 1 + γ with γ = (|U| + 128)·2⁻²⁴, and the computed L and H fall short of theirs by at most a factor
/// 1 − γ (R already allows for this). The bound used is (1 + γ)·(L/(1 − γ) + min(R, H/(1 − γ))), rounded up to a float;
/// with γ above 1/4 (|U| over four million) no bounds are given.
/// </remarks>
internal sealed partial class DenseSimilaritySource : IGainBoundSource
{
    /// <summary>
    /// Entries kept per pending list, as a share 1/divisor of a row on average: the first pass keeps the entries above
    /// the matching quantile of a sample of the matrix.
    /// </summary>
    internal const int PendingListShareDivisor = 32;

    /// <summary>How many entries of the matrix <see cref="PendingListThreshold"/> samples.</summary>
    private const int ThresholdSampleCount = 4096;

    /// <summary>
    /// The threshold of the first pass's pending lists: the (1 − 1/<see cref="PendingListShareDivisor"/>) quantile of
    /// <see cref="ThresholdSampleCount"/> entries drawn at fixed pseudo-random positions (the same for the same matrix
    /// shape). It only decides which lists are kept, never a gain.
    /// </summary>
    internal static float PendingListThreshold(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            return 0f;
        }

        float[] sample = new float[ThresholdSampleCount];
        var random = new SplitMix64(0x9E3779B97F4A7C15UL);
        for (int t = 0; t < sample.Length; t++)
        {
            sample[t] = values[(int)(random.NextUInt64() % (ulong)values.Length)];
        }

        Array.Sort(sample);
        return sample[sample.Length - 1 - (sample.Length / PendingListShareDivisor)];
    }

    private int coverageChanges;
    private int floorAtChange = -1;
    private float pendingExcess;

    /// <summary>
    /// Gains of the candidates, except that a candidate whose row has a pending list gets the upper bound
    /// L + min(R, H) (see the remarks) instead, flagged in <paramref name="isBound"/> (indexed by candidate): one pass over its list
    /// rather than its row. Without tracking, pending lists or a usable γ, these are the gains of <see cref="Gains"/>.
    /// A candidate whose bound could not fall below <paramref name="usefulBelow"/> (its part for the left-out entries
    /// alone reaches it) gets its gain straight away: its list would be read for nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void GainsOrBounds(ReadOnlySpan<int> candidates, float[] coverage, Span<float> values, bool[] isBound, int maxDegreeOfParallelism, float usefulBelow = float.PositiveInfinity)
    {
        LiveEntries? entries = live;
        if (entries is not null && ReferenceEquals(coverage, trackedCoverage))
        {
            UpdatePendingBounds(entries, coverage);
        }

        if (entries is null || !ReferenceEquals(coverage, trackedCoverage) || !entries.HasPending || BoundGamma(RepresentedCount) is not double gamma)
        {
            foreach (int j in candidates)
            {
                isBound[j] = false;
            }

            Gains(candidates, coverage, values, maxDegreeOfParallelism);
            return;
        }

        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        long work = 0;
        foreach (int j in candidates)
        {
            // A bound reads the pending list; anything else the usable list or (without one) the row.
            int listed = WorthBounding(entries.PendingLeftOut(j), pendingExcess, gamma, usefulBelow) ? entries.ListedCount(j) : entries.Count(j);
            work += listed >= 0 ? 2L * listed : RepresentedCount;
        }

        var evaluator = new GainsOrPendingBounds(new LiveEntryGains(this, entries), entries, pendingExcess, gamma, usefulBelow, isBound);
        ParallelGains.Run(evaluator, candidates, coverage, values, maxDegreeOfParallelism, Chunk(candidates.Length, work, threads));
    }

    /// <summary>γ of the bound (see the remarks), or <see langword="null"/> when it is too large for one.</summary>
    internal static double? BoundGamma(int representedCount)
    {
        double gamma = (representedCount + 128.0) * Math.ScaleB(1.0, -24);
        return gamma <= 0.25 ? gamma : null;
    }

    /// <summary>(1 + γ)·(L/(1 − γ) + min(R, H/(1 − γ))), rounded up to a float.</summary>
    internal static float UpperBound(float listed, float leftOut, float excess, double gamma)
    {
        double bound = (1 + gamma) * ((listed / (1 - gamma)) + LeftOutPart(leftOut, excess, gamma));
        float rounded = (float)bound;
        return rounded < bound ? MathF.BitIncrement(rounded) : rounded;
    }

    /// <summary>
    /// Once per change of the coverage while lists are pending: raises the lists' floor to the coverage's minimum and
    /// takes H = Σᵢ max(θ* − curᵢ, 0) with θ* the largest bound any pending list left out.
    /// </summary>
    private void UpdatePendingBounds(LiveEntries entries, ReadOnlySpan<float> coverage)
    {
        if (!entries.HasPending || floorAtChange == coverageChanges)
        {
            return;
        }

        (float minimum, float excess) = MinimumAndExcess(coverage, entries.LargestPending);
        entries.RaiseFloor(minimum);
        pendingExcess = excess;
        floorAtChange = coverageChanges;
    }

    /// <summary>min curᵢ and Σᵢ max(level − curᵢ, 0), in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (float Minimum, float Excess) MinimumAndExcess(ReadOnlySpan<float> coverage, float level)
    {
        ref float c = ref MemoryMarshal.GetReference(coverage);
        nuint length = (nuint)coverage.Length;
        nuint i = 0;
        float minimum = float.PositiveInfinity;
        float excess = 0f;
        if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<float>.Count)
        {
            Vector256<float> low = Vector256.Create(float.PositiveInfinity);
            Vector256<float> sum = Vector256<float>.Zero;
            Vector256<float> top = Vector256.Create(level);
            for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref c, i);
                low = Vector256.Min(low, x);
                sum += Vector256.Max(top - x, Vector256<float>.Zero);
            }

            for (int l = 0; l < Vector256<float>.Count; l++)
            {
                minimum = Math.Min(minimum, low.GetElement(l));
            }

            excess = Vector256.Sum(sum);
        }

        for (; i < length; i++)
        {
            float x = Unsafe.Add(ref c, i);
            minimum = Math.Min(minimum, x);
            excess += Math.Max(level - x, 0f);
        }

        return (minimum, excess);
    }

    /// <summary>min(R, H/(1 − γ)), the bound's part for the entries a list left out.</summary>
    private static double LeftOutPart(float leftOut, float excess, double gamma) => Math.Min(leftOut, excess / (1 - gamma));

    /// <summary>Whether a row with this pending list (left-out sum R; none: null) may get a bound below the limit.</summary>
    private static bool WorthBounding(float? pendingLeftOut, float excess, double gamma, float usefulBelow) =>
        pendingLeftOut is float leftOut && (1 + gamma) * LeftOutPart(leftOut, excess, gamma) < usefulBelow;

    /// <summary>
    /// A row with a pending list gets the bound from it, unless the bound's part for the left-out entries alone already
    /// reaches <paramref name="usefulBelow"/>; any other row gets its gain.
    /// </summary>
    private readonly struct GainsOrPendingBounds(LiveEntryGains gains, LiveEntries entries, float excess, double gamma, float usefulBelow, bool[] isBound) : IGainEvaluator
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public float Gain(int candidate, ReadOnlySpan<float> coverage)
        {
            if (WorthBounding(entries.PendingLeftOut(candidate), excess, gamma, usefulBelow)
                && entries.TrySumPending(candidate, coverage, out float listed, out float leftOut))
            {
                isBound[candidate] = true;
                return UpperBound(listed, leftOut, excess, gamma);
            }

            isBound[candidate] = false;
            return gains.Gain(candidate, coverage);
        }
    }
}
