using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.Selection;

/// <summary>
/// A dense similarity stored candidate-major: one row per candidate holds sᵢⱼ for every represented i, so the gain of a
/// candidate is one contiguous SIMD pass (<see cref="FacilityGainKernel"/>) and committing it is one contiguous max.
/// </summary>
/// <remarks>
/// The storage is a flat float array of n_candidates × n_represented entries, either the caller's (wrapped without a
/// copy) or one this library filled (a transposed copy or a Gram matrix). A Gram matrix built from features may store
/// the points in a <see cref="SpatialOrder"/> (rows and represented entries permuted alike, candidate j in row
/// rowOfCandidate[j]); the represented order is internal to the coverage vector. After <see cref="FirstPass"/> with
/// group maxima, batched gains skip the represented groups the coverage already dominates
/// (<see cref="FacilityGainKernel.SumSkippingCovered(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>),
/// which returns the same floats as the full pass.
/// </remarks>
internal sealed partial class DenseSimilaritySource : ISimilaritySource, IDisposable
{
    /// <summary>
    /// Below this much work (512 KB of similarities read) a batch of gains runs on the calling thread: waking the
    /// workers costs more than the passes (a few rows of lazy greedy's re-evaluations).
    /// </summary>
    private const long ParallelWork = 1 << 17;

    /// <summary>The share of a row a skipping gain is assumed to read, as 1/divisor, for the serial threshold.</summary>
    private const int SkippedWorkDivisor = 8;

    private ReadOnlyMemory<float> values;
    private float[]? pooledStorage;
    private readonly int[]? rowOfCandidate;
    private float[]? groupMaxima;
    private float[]? trackedCoverage;
    private LiveEntries? live;

    /// <param name="values">The rows, CandidateCount × RepresentedCount.</param>
    /// <param name="candidateCount">n.</param>
    /// <param name="representedCount">|U|.</param>
    /// <param name="rowOfCandidate">The row holding each candidate, or <see langword="null"/> for row j = candidate j.</param>
    /// <param name="pooledStorage">
    /// The array rented from <see cref="ArrayPool{T}.Shared"/> that holds <paramref name="values"/>, returned by
    /// <see cref="Dispose"/>; <see langword="null"/> for storage the source does not own.
    /// </param>
    public DenseSimilaritySource(ReadOnlyMemory<float> values, int candidateCount, int representedCount, int[]? rowOfCandidate = null, float[]? pooledStorage = null)
    {
        if (values.Length != (long)candidateCount * representedCount)
        {
            throw new ArgumentException($"Expected {candidateCount}×{representedCount} similarities, got {values.Length}.", nameof(values));
        }

        this.values = values;
        this.pooledStorage = pooledStorage;
        this.rowOfCandidate = rowOfCandidate;
        CandidateCount = candidateCount;
        RepresentedCount = representedCount;
        Groups = FacilityGainKernel.GroupCount(representedCount);
    }

    public int RepresentedCount { get; }

    public int CandidateCount { get; }

    /// <summary>Whether batched gains skip covered groups (<see cref="FirstPass"/> recorded group maxima).</summary>
    public bool SkipsCoveredGroups => groupMaxima is not null;

    /// <summary>Full groups of <see cref="FacilityGainKernel.GroupLength"/> represented points per row.</summary>
    public int Groups { get; }

    public ReadOnlySpan<float> Column(int candidate) => values.Span.Slice(Row(candidate) * RepresentedCount, RepresentedCount);

    public float Gain(int candidate, ReadOnlySpan<float> coverage) => FacilityGainKernel.Sum(Column(candidate), coverage);

    /// <summary>
    /// Lazy greedy's first pass, one read of the matrix: checks every row (finite, ≥ 0; errors name the stored row and
    /// column as <paramref name="parameterName"/>), returns every candidate's gain against zero coverage and, with
    /// <paramref name="withGroupMaxima"/>, records each row's group maxima so that later batched gains skip covered groups.
    /// With <paramref name="withPendingLists"/>, each row also gets a pending list of its entries above a threshold
    /// (<see cref="PendingListThreshold"/>), which the next <see cref="TrackLiveEntries"/> adopts: a candidate's first
    /// re-evaluation can then read its list instead of its row, once the coverage has risen above what the list left out.
    /// </summary>
    public float[] FirstPass(string parameterName, int maxDegreeOfParallelism, bool withGroupMaxima, bool withPendingLists = false)
    {
        StopTrackingLiveEntries();
        LiveEntries? pending = withPendingLists ? new LiveEntries(CandidateCount, RepresentedCount) : null;
        if (groupMaxima is not null)
        {
            ArrayPool<float>.Shared.Return(groupMaxima);
            groupMaxima = null;
        }

        // Pooled like the rows (every entry is written below; returned by Dispose).
        float[]? maxima = withGroupMaxima && Groups > 0 ? ArrayPool<float>.Shared.Rent(CandidateCount * Groups) : null;
        float[] rowGains;
        try
        {
            ReadOnlyMemory2D<float> rows = values.AsMemory2D(CandidateCount, RepresentedCount);
            float threshold = pending is null ? 0f : PendingListThreshold(values.Span);
            rowGains = FacilityLocationValidation.CheckRowsAndGainsAtZeroCoverage(rows, parameterName, maxDegreeOfParallelism, maxima, pending, threshold);
        }
        catch
        {
            pending?.Dispose();
            throw;
        }

        groupMaxima = maxima;
        live = pending;
        if (rowOfCandidate is null)
        {
            return rowGains;
        }

        float[] gains = new float[CandidateCount];
        for (int j = 0; j < gains.Length; j++)
        {
            gains[j] = rowGains[rowOfCandidate[j]];
        }

        return gains;
    }

    public void Gains(ReadOnlySpan<int> candidates, float[] coverage, Span<float> gains, int maxDegreeOfParallelism)
    {
        int count = candidates.Length;
        int threads = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        if (live is not null && ReferenceEquals(coverage, trackedCoverage))
        {
            TrackedGains(live, candidates, coverage, gains, maxDegreeOfParallelism, threads);
            return;
        }

        if (groupMaxima is null)
        {
            ParallelGains.Run(this, candidates, coverage, gains, maxDegreeOfParallelism, Chunk(count, (long)count * RepresentedCount, threads));
            return;
        }

        float[] coverageMinima = ArrayPool<float>.Shared.Rent(Groups);
        try
        {
            FacilityGainKernel.GroupMinima(coverage, coverageMinima.AsSpan(0, Groups));
            // Most groups are skipped once the coverage has spread, so a batch reads a fraction of its rows: only batches
            // far beyond the serial threshold go parallel.
            long work = (long)count * RepresentedCount / SkippedWorkDivisor;
            var evaluator = new SkippingCoveredGroups(this, groupMaxima, coverageMinima);
            ParallelGains.Run(evaluator, candidates, coverage, gains, maxDegreeOfParallelism, Chunk(count, work, threads));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(coverageMinima);
        }
    }

    /// <summary>
    /// The share of the full groups that skipping gains of <paramref name="candidates"/> would read against this coverage
    /// (a diagnostic for the profiling harness; 1 without group maxima).
    /// </summary>
    internal double UndominatedShare(ReadOnlySpan<int> candidates, ReadOnlySpan<float> coverage)
    {
        if (groupMaxima is null || Groups == 0 || candidates.IsEmpty)
        {
            return 1.0;
        }

        float[] minima = new float[Groups];
        FacilityGainKernel.GroupMinima(coverage, minima);
        long read = 0;
        foreach (int j in candidates)
        {
            ReadOnlySpan<float> maxima = groupMaxima.AsSpan(Row(j) * Groups, Groups);
            for (int g = 0; g < Groups; g++)
            {
                read += maxima[g] <= minima[g] ? 0 : 1;
            }
        }

        return (double)read / ((long)candidates.Length * Groups);
    }

    public void Cover(int candidate, Span<float> coverage)
    {
        coverageChanges++;
        // Only live entries can raise the coverage, and a tracked row's list holds all of them.
        if (live is null || !IsTracked(coverage) || !live.TryCover(Row(candidate), coverage))
        {
            RaiseCoverage(coverage, Column(candidate));
        }
    }

    /// <summary>
    /// Ends any tracking and returns pooled storage to the shared array pool; the source must not be used afterwards
    /// (its rows are then empty, so a stray use fails instead of reading a recycled array).
    /// </summary>
    public void Dispose()
    {
        StopTrackingLiveEntries();
        if (groupMaxima is not null)
        {
            ArrayPool<float>.Shared.Return(groupMaxima);
            groupMaxima = null;
        }

        if (pooledStorage is not null)
        {
            values = ReadOnlyMemory<float>.Empty;
            ArrayPool<float>.Shared.Return(pooledStorage);
            pooledStorage = null;
        }
    }

    /// <summary>
    /// coverageᵢ ← max(coverageᵢ, similarityᵢ) with IEEE maximum semantics (as TensorPrimitives.Max), compiled fully
    /// optimized at once: a selection runs it k times over |U| floats from its first call on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RaiseCoverage(Span<float> coverage, ReadOnlySpan<float> similarity)
    {
        if (coverage.Length != similarity.Length)
        {
            throw new ArgumentException($"The coverage has {coverage.Length} entries but the similarity {similarity.Length}.", nameof(similarity));
        }

        ref float c = ref MemoryMarshal.GetReference(coverage);
        ref float s = ref MemoryMarshal.GetReference(similarity);
        nuint length = (nuint)coverage.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector512<float>.Count <= length; i += (nuint)Vector512<float>.Count)
            {
                Vector512.Max(Vector512.LoadUnsafe(ref c, i), Vector512.LoadUnsafe(ref s, i)).StoreUnsafe(ref c, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
            {
                Vector256.Max(Vector256.LoadUnsafe(ref c, i), Vector256.LoadUnsafe(ref s, i)).StoreUnsafe(ref c, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref c, i) = MathF.Max(Unsafe.Add(ref c, i), Unsafe.Add(ref s, i));
        }
    }

    private int Row(int candidate) => rowOfCandidate is null ? candidate : rowOfCandidate[candidate];

    /// <summary>Candidates per work item: all of them (one thread) when the batch reads little.</summary>
    private static int Chunk(int count, long work, int threads) =>
        work < ParallelWork ? Math.Max(count, 1) : count >= 256 ? 64 : (count + threads - 1) / threads;

    /// <summary>Gains that skip the groups the coverage (whose group minima are given) already dominates.</summary>
    private readonly struct SkippingCoveredGroups(DenseSimilaritySource source, float[] groupMaxima, float[] coverageMinima) : IGainEvaluator
    {
        public float Gain(int candidate, ReadOnlySpan<float> coverage) => FacilityGainKernel.SumSkippingCovered(
            source.Column(candidate), coverage, groupMaxima.AsSpan(source.Row(candidate) * source.Groups, source.Groups), coverageMinima.AsSpan(0, source.Groups));
    }
}
