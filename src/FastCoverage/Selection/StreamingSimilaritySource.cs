using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;

namespace FastCoverage.Selection;

/// <summary>
/// Similarities computed from features on demand through the Gram core: the column of candidate j is
/// k(U, xⱼ) = row j of k(X, U), produced by the Gram core's row streamer (<see cref="GramRowSource"/>, U packed once)
/// into a per-thread buffer of |U| floats and mapped by <see cref="NonnegativeSimilarity"/>. No |U|×n matrix is ever
/// stored: memory is the features, U's packed copy, the coverage vector, one |U|-float buffer per thread and one
/// 16 MiB block for the all-candidate passes, O((n + |U|)·d + |U|).
/// </summary>
/// <remarks>
/// Every column is computed by the same single-row Gram call, so a candidate's gain does not depend on which thread or
/// optimizer asks for it. The last column computed on the calling thread is kept, so committing the candidate that
/// lazy greedy just evaluated costs no second kernel evaluation.
/// </remarks>
internal sealed class StreamingSimilaritySource : ISimilaritySource
{
    /// <summary>Consecutive candidates worth computing as one block of Gram rows.</summary>
    private const int MinimumRun = 16;

    /// <summary>Floats per block of Gram rows (16 MiB).</summary>
    private const long BlockFloats = 1L << 22;

    private readonly ReadOnlyMemory2D<float> candidates;
    private readonly ReadOnlyMemory2D<float> represented;
    private readonly Kernel kernel;
    private readonly GramRowSource packedRepresented;
    private readonly ThreadLocal<ColumnBuffer> buffers;

    /// <summary>Packs U once for the Gram core (a copy of |U|·d floats); the features must already be checked finite.</summary>
    public StreamingSimilaritySource(ReadOnlyMemory2D<float> candidates, ReadOnlyMemory2D<float> represented, Kernel kernel, int maxDegreeOfParallelism)
    {
        this.candidates = candidates;
        this.represented = represented;
        this.kernel = kernel;
        packedRepresented = new GramRowSource(represented.Span, kernel, GramMicroKernels.Default, maxDegreeOfParallelism);
        buffers = new ThreadLocal<ColumnBuffer>(() => new ColumnBuffer(represented.Height));
    }

    public int RepresentedCount => represented.Height;

    public int CandidateCount => candidates.Height;

    public float Gain(int candidate, ReadOnlySpan<float> coverage) => FacilityGainKernel.Sum(Column(candidate), coverage);

    /// <summary>
    /// Runs of at least <see cref="MinimumRun"/> consecutive candidates (the all-candidate passes of naive and lazy greedy)
    /// are computed in place as blocks of Gram rows; the other candidates (lazy's re-evaluation batches, stochastic
    /// samples) are gathered into a small contiguous matrix and computed as one block, so the Gram core's micro-kernel
    /// works on full tiles instead of single rows. Every entry of k(X, U) is computed by the same operation sequence
    /// wherever its row sits in a block (the Gram core's contract, checked by lazy = naive on streamed columns).
    /// </summary>
    public void Gains(ReadOnlySpan<int> candidateIndices, float[] coverage, Span<float> gains, int maxDegreeOfParallelism)
    {
        float[] cur = coverage;
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
                BlockGains(candidates, candidateIndices[t], candidateIndices[t] + (r - t), cur, gains.Slice(t, r - t), maxDegreeOfParallelism);
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
            int d = candidates.Width;
            float[] gathered = new float[scattered.Count * d];
            ReadOnlySpan2D<float> x = candidates.Span;
            for (int p = 0; p < scattered.Count; p++)
            {
                x.GetRowSpan(scattered[p]).CopyTo(gathered.AsSpan(p * d, d));
            }

            float[] scatteredGains = new float[scattered.Count];
            BlockGains(new ReadOnlyMemory2D<float>(gathered, scattered.Count, d), 0, scattered.Count, cur, scatteredGains, maxDegreeOfParallelism);
            for (int p = 0; p < scattered.Count; p++)
            {
                gains[scatteredPositions[p]] = scatteredGains[p];
            }
        }
    }

    /// <summary>Gains of rows [start, end) of <paramref name="rows"/> (candidate features), in blocks of Gram rows.</summary>
    private void BlockGains(ReadOnlyMemory2D<float> rows, int start, int end, float[] coverage, Span<float> gains, int maxDegreeOfParallelism)
    {
        int m = represented.Height;
        int blockRows = (int)Math.Clamp(BlockFloats / m, 1, end - start);
        float[] block = new float[(long)blockRows * m];
        float[] blockGains = new float[blockRows];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        for (int j0 = start; j0 < end; j0 += blockRows)
        {
            int j1 = Math.Min(end, j0 + blockRows);
            packedRepresented.ComputeRows(rows.Span, j0, j1, new Span2D<float>(block, j1 - j0, m), maxDegreeOfParallelism);
            Parallel.For(0, j1 - j0, options, r =>
            {
                Span<float> column = block.AsSpan(r * m, m);
                NonnegativeSimilarity.Apply(kernel.Kind, column);
                blockGains[r] = FacilityGainKernel.Sum(column, coverage);
            });
            blockGains.AsSpan(0, j1 - j0).CopyTo(gains.Slice(j0 - start));
        }
    }

    public void Cover(int candidate, Span<float> coverage)
    {
        ReadOnlySpan<float> column = Column(candidate);
        System.Numerics.Tensors.TensorPrimitives.Max(coverage, column, coverage);
    }

    /// <summary>sᵢⱼ for every represented i (valid until this thread asks for another column).</summary>
    private ReadOnlySpan<float> Column(int candidate)
    {
        ColumnBuffer buffer = buffers.Value!;
        if (buffer.Candidate != candidate)
        {
            packedRepresented.ComputeRows(candidates.Span, candidate, candidate + 1, new Span2D<float>(buffer.Values, 1, buffer.Values.Length), maxDegreeOfParallelism: 1);
            NonnegativeSimilarity.Apply(kernel.Kind, buffer.Values);
            buffer.Candidate = candidate;
        }

        return buffer.Values;
    }

    private sealed class ColumnBuffer(int length)
    {
        public float[] Values { get; } = new float[length];

        public int Candidate { get; set; } = -1;
    }
}
