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
/// The storage is a flat float array of n_candidates × n_represented entries (row j for candidate j), either the
/// caller's (wrapped without a copy) or one this library filled (a transposed copy or a Gram matrix). Against a greedy
/// run's own coverage, rows keep lists of their live entries (<see cref="TrackLiveEntries"/>), and lazy greedy's first
/// pass can make pending lists and answer with bounds (<see cref="GainsOrBounds"/>).
/// </remarks>
internal sealed partial class DenseSimilaritySource : ISimilaritySource, IDisposable
{
    /// <summary>
    /// Below this much work (512 KB of similarities read) a batch of gains runs on the calling thread: waking the
    /// workers costs more than the passes (a few rows of lazy greedy's re-evaluations).
    /// </summary>
    private const long ParallelWork = 1 << 17;

    private ReadOnlyMemory<float> values;
    private float[]? pooledStorage;
    private float[]? trackedCoverage;
    private LiveEntries? live;

    /// <param name="values">The rows, CandidateCount × RepresentedCount.</param>
    /// <param name="candidateCount">n.</param>
    /// <param name="representedCount">|U|.</param>
    /// <param name="pooledStorage">
    /// The array rented from <see cref="ArrayPool{T}.Shared"/> that holds <paramref name="values"/>, returned by
    /// <see cref="Dispose"/>; <see langword="null"/> for storage the source does not own.
    /// </param>
    public DenseSimilaritySource(ReadOnlyMemory<float> values, int candidateCount, int representedCount, float[]? pooledStorage = null)
    {
        if (values.Length != (long)candidateCount * representedCount)
        {
            throw new ArgumentException($"Expected {candidateCount}×{representedCount} similarities, got {values.Length}.", nameof(values));
        }

        this.values = values;
        this.pooledStorage = pooledStorage;
        CandidateCount = candidateCount;
        RepresentedCount = representedCount;
    }

    public int RepresentedCount { get; }

    public int CandidateCount { get; }

    public ReadOnlySpan<float> Column(int candidate) => values.Span.Slice(candidate * RepresentedCount, RepresentedCount);

    public float Gain(int candidate, ReadOnlySpan<float> coverage) => FacilityGainKernel.Sum(Column(candidate), coverage);

    /// <summary>
    /// Lazy greedy's first pass, one read of the matrix: checks every row (finite, ≥ 0; errors name the stored row and
    /// column as <paramref name="parameterName"/>) and returns every candidate's gain against zero coverage. With
    /// <paramref name="withPendingLists"/>, each row also gets a pending list of its entries above a threshold
    /// (<see cref="PendingListThreshold"/>), which the next <see cref="TrackLiveEntries"/> adopts: a candidate's first
    /// re-evaluation can then read its list instead of its row, once the coverage has risen above what the list left out.
    /// </summary>
    public float[] FirstPass(string parameterName, int maxDegreeOfParallelism, bool withPendingLists)
    {
        StopTrackingLiveEntries();
        LiveEntries? pending = withPendingLists ? new LiveEntries(CandidateCount, RepresentedCount) : null;
        try
        {
            ReadOnlyMemory2D<float> rows = values.AsMemory2D(CandidateCount, RepresentedCount);
            float threshold = pending is null ? 0f : PendingListThreshold(values.Span);
            float[] gains = FacilityLocationValidation.CheckRowsAndGainsAtZeroCoverage(rows, parameterName, maxDegreeOfParallelism, pending, threshold);
            live = pending;
            return gains;
        }
        catch
        {
            pending?.Dispose();
            throw;
        }
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

        ParallelGains.Run(this, candidates, coverage, gains, maxDegreeOfParallelism, Chunk(count, (long)count * RepresentedCount, threads));
    }

    public void Cover(int candidate, Span<float> coverage)
    {
        coverageChanges++;
        // Only live entries can raise the coverage, and a tracked row's list holds all of them.
        if (live is null || !IsTracked(coverage) || !live.TryCover(candidate, coverage))
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

    /// <summary>Candidates per work item: all of them (one thread) when the batch reads little.</summary>
    private static int Chunk(int count, long work, int threads) =>
        work < ParallelWork ? Math.Max(count, 1) : count >= 256 ? 64 : (count + threads - 1) / threads;
}
