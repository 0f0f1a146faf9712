using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Selection;

/// <summary>
/// Similarities computed from features on demand through the Gram core: the column of candidate j is
/// k(U, xⱼ) = row j of k(X, U), from U packed once (<see cref="GramRowSource"/>) and mapped by
/// <see cref="NonnegativeSimilarity"/>. No |U|×n matrix is ever stored: memory is the features, U's packed copy, the
/// coverage vector and per-thread scratch of a few hundred KB, O((n + |U|)·d + |U|).
/// </summary>
/// <remarks>
/// Gains are computed piece by piece while each piece is in cache (<see cref="StreamedGains"/>): candidate rows in blocks
/// of whole micro-kernel panels, U in chunks of <see cref="StreamedGains.ChunkColumns"/> columns; each piece of Gram
/// entries is computed, mapped and folded into its rows' running gain accumulators, and never written to memory.
/// A gain is always this one reduction (<see cref="GainAccumulator512"/>, the Vector512 order of
/// <see cref="FacilityGainKernel"/>) over the Gram core's entries, so it is bit-identical however it is requested
/// (alone, in a consecutive run, in a gathered batch, on any thread or thread count).
/// </remarks>
internal sealed class StreamingSimilaritySource : ISimilaritySource
{
    /// <summary>Consecutive candidates worth computing in place rather than gathered.</summary>
    private const int MinimumRun = 16;

    /// <summary>Represented points per spatial pivot, until <see cref="MaximumPivots"/>.</summary>
    private const int PointsPerPivot = 64;

    /// <summary>
    /// The most bytes of per-chunk bounds (n·⌈|U|/256⌉): 256 MiB, so that memory stays O((n + |U|)·d) plus at most this;
    /// beyond it (e.g. n = |U| ≥ 360000) the source computes every piece.
    /// </summary>
    private const long MaximumBoundBytes = 1L << 28;

    /// <summary>The most pivots.</summary>
    private const int MaximumPivots = 256;

    private readonly ReadOnlyMemory2D<float> candidates;
    private readonly Kernel kernel;
    private readonly GramRowSource packedRepresented;
    private readonly int maxDegreeOfParallelism;
    private readonly ThreadLocal<float[]> columns;

    /// <summary>Represented index at each packed position (null: the given order).</summary>
    private readonly int[]? order;

    /// <summary>Each candidate's spatial cell (null without an order): gathered batches are sorted by it.</summary>
    private readonly int[]? candidateCells;

    private readonly ChunkBounds? bounds;

    /// <summary>The candidates are the represented set itself: all-candidate passes can use the symmetric pieces.</summary>
    private readonly bool pool;

    /// <summary>
    /// Packs U once for the Gram core (a copy of |U|·d floats); the features must already be checked finite. For similarities
    /// in [0, 1] (RBF, cosine) and more than two chunks, U is packed in a spatial order (<see cref="SpatialOrder"/>) and
    /// per-chunk bounds are kept, n·⌈|U|/256⌉ bytes (at most <see cref="MaximumBoundBytes"/>).
    /// </summary>
    public StreamingSimilaritySource(ReadOnlyMemory2D<float> candidates, ReadOnlyMemory2D<float> represented, Kernel kernel, int maxDegreeOfParallelism)
    {
        this.candidates = candidates;
        this.kernel = kernel;
        this.maxDegreeOfParallelism = maxDegreeOfParallelism;
        int m = represented.Height;
        RepresentedCount = m;
        columns = new ThreadLocal<float[]>(() => new float[m]);
        int chunks = StreamedGains.ChunkCount(m);
        pool = SameRows(candidates, represented);
        if (kernel.Kind is KernelKind.Rbf or KernelKind.Cosine && chunks > 2 && (long)candidates.Height * chunks <= MaximumBoundBytes)
        {
            GramRowSource pivots = SpatialOrder.Pivots(represented.Span, Math.Clamp(m / PointsPerPivot, 1, MaximumPivots), maxDegreeOfParallelism);
            int[] representedCells = SpatialOrder.Cells(represented.Span, pivots, maxDegreeOfParallelism);
            order = SpatialOrder.Order(representedCells);
            candidateCells = pool ? representedCells : SpatialOrder.Cells(candidates.Span, pivots, maxDegreeOfParallelism);
            int d = represented.Width;
            float[] ordered = new float[(long)m * d <= int.MaxValue ? m * d : throw new ArgumentException("The represented set is too large.", nameof(represented))];
            ReadOnlySpan2D<float> u = represented.Span;
            for (int q = 0; q < m; q++)
            {
                u.GetRowSpan(order[q]).CopyTo(ordered.AsSpan(q * d, d));
            }

            packedRepresented = new GramRowSource(new ReadOnlySpan2D<float>(ordered, m, d), kernel, GramMicroKernels.Default, maxDegreeOfParallelism);
            bounds = new ChunkBounds(candidates.Height, chunks);
        }
        else
        {
            packedRepresented = new GramRowSource(represented.Span, kernel, GramMicroKernels.Default, maxDegreeOfParallelism);
        }
    }

    public int RepresentedCount { get; }

    /// <summary>The per-chunk similarity bounds (null when not kept).</summary>
    internal ChunkBounds? Bounds => bounds;

    /// <summary>Represented index at each packed position (null: the given order).</summary>
    internal int[]? Order => order;

    public int CandidateCount => candidates.Height;

    public float Gain(int candidate, ReadOnlySpan<float> coverage)
    {
        float[] gain = new float[1];
        Gains([candidate], coverage.ToArray(), gain, maxDegreeOfParallelism: 1);
        return gain[0];
    }

    /// <summary>
    /// Runs of at least <see cref="MinimumRun"/> consecutive candidates (the all-candidate passes of naive and lazy greedy)
    /// are read in place; the other candidates (lazy's re-evaluation batches, stochastic samples) are gathered into a
    /// small contiguous matrix first, sorted by spatial cell so that a micro-kernel panel's rows can skip the same chunks.
    /// Either way every gain is the same reduction over the same entries.
    /// </summary>
    public void Gains(ReadOnlySpan<int> candidateIndices, float[] coverage, Span<float> gains, int maxDegreeOfParallelism)
    {
        float[] cur = coverage;
        byte[]? limits = null;
        if (order is not null)
        {
            cur = new float[order.Length];
            for (int q = 0; q < cur.Length; q++)
            {
                cur[q] = coverage[order[q]];
            }

            limits = new byte[bounds!.Chunks];
            for (int c = 0; c < limits.Length; c++)
            {
                int c0 = c * StreamedGains.ChunkColumns;
                int c1 = c == limits.Length - 1 ? cur.Length : c0 + StreamedGains.ChunkColumns;
                limits[c] = ChunkBounds.Limit(System.Numerics.Tensors.TensorPrimitives.Min(cur.AsSpan(c0, c1 - c0)));
            }
        }

        if (pool && candidateIndices.Length == CandidateCount && StreamedGains.ChunkCount(RepresentedCount) > 1 && IsEveryCandidate(candidateIndices))
        {
            SymmetricStreamedGains.Run(packedRepresented, candidates.Span, order, cur, gains, maxDegreeOfParallelism, bounds);
            return;
        }

        var scattered = new List<int>();
        var scatteredPositions = new List<int>();
        int t = 0;
        while (t < candidateIndices.Length)
        {
            int r = t + 1;
            while (r < candidateIndices.Length && candidateIndices[r] == candidateIndices[t] + (r - t))
            {
                r++;
            }

            if (r - t >= MinimumRun)
            {
                StreamedGains.Run(packedRepresented, candidates.Span, candidateIndices[t], candidateIndices[t] + (r - t), cur, gains.Slice(t, r - t), maxDegreeOfParallelism, bounds, limits);
            }
            else
            {
                for (int p = t; p < r; p++)
                {
                    scattered.Add(candidateIndices[p]);
                    scatteredPositions.Add(p);
                }
            }

            t = r;
        }

        if (scattered.Count > 0)
        {
            GatheredGains(scattered, scatteredPositions, cur, gains, maxDegreeOfParallelism, limits);
        }
    }

    private void GatheredGains(List<int> scattered, List<int> positions, float[] cur, Span<float> gains, int maxDegreeOfParallelism, byte[]? limits)
    {
        int[] ids = [.. scattered];
        int[] at = [.. positions];
        if (candidateCells is not null)
        {
            int[] keys = new int[ids.Length];
            for (int p = 0; p < ids.Length; p++)
            {
                keys[p] = candidateCells[ids[p]];
            }

            // Stable by (cell, position): the order only groups rows, it never changes a gain.
            int[] permutation = [.. Enumerable.Range(0, ids.Length).OrderBy(p => keys[p]).ThenBy(p => p)];
            ids = [.. permutation.Select(p => scattered[p])];
            at = [.. permutation.Select(p => positions[p])];
        }

        int d = candidates.Width;
        float[] gathered = new float[ids.Length * d];
        ReadOnlySpan2D<float> x = candidates.Span;
        for (int p = 0; p < ids.Length; p++)
        {
            x.GetRowSpan(ids[p]).CopyTo(gathered.AsSpan(p * d, d));
        }

        float[] gatheredGains = new float[ids.Length];
        StreamedGains.Run(packedRepresented, new ReadOnlySpan2D<float>(gathered, ids.Length, d), 0, ids.Length, cur, gatheredGains, maxDegreeOfParallelism, bounds, limits, ids);
        for (int p = 0; p < ids.Length; p++)
        {
            gains[at[p]] = gatheredGains[p];
        }
    }

    /// <summary>coverageᵢ ← max(coverageᵢ, sᵢⱼ), with sᵢⱼ from one Gram row (the same entries the gains use).</summary>
    public void Cover(int candidate, Span<float> coverage)
    {
        float[] column = columns.Value!;
        packedRepresented.ComputeRows(candidates.Span, candidate, candidate + 1, new Span2D<float>(column, 1, column.Length), maxDegreeOfParallelism);
        NonnegativeSimilarity.Apply(kernel.Kind, column);
        if (order is null)
        {
            System.Numerics.Tensors.TensorPrimitives.Max(coverage, column, coverage);
            return;
        }

        for (int q = 0; q < column.Length; q++)
        {
            int i = order[q];
            coverage[i] = MathF.Max(coverage[i], column[q]);
        }
    }

    private static bool IsEveryCandidate(ReadOnlySpan<int> candidateIndices)
    {
        for (int t = 0; t < candidateIndices.Length; t++)
        {
            if (candidateIndices[t] != t)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two matrices are the same rows of the same memory (the pool as its own represented set).</summary>
    private static bool SameRows(ReadOnlyMemory2D<float> a, ReadOnlyMemory2D<float> b) =>
        a.Height == b.Height && a.Width == b.Width && a.Span.GetRowSpan(0).Overlaps(b.Span.GetRowSpan(0), out int offset) && offset == 0
        && MatrixView.StrideOf(a.Span) == MatrixView.StrideOf(b.Span);
}
