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

    private readonly ReadOnlyMemory2D<float> candidates;
    private readonly Kernel kernel;
    private readonly GramRowSource packedRepresented;
    private readonly int maxDegreeOfParallelism;
    private readonly ThreadLocal<float[]> columns;

    /// <summary>Packs U once for the Gram core (a copy of |U|·d floats); the features must already be checked finite.</summary>
    public StreamingSimilaritySource(ReadOnlyMemory2D<float> candidates, ReadOnlyMemory2D<float> represented, Kernel kernel, int maxDegreeOfParallelism)
    {
        this.candidates = candidates;
        this.kernel = kernel;
        this.maxDegreeOfParallelism = maxDegreeOfParallelism;
        packedRepresented = new GramRowSource(represented.Span, kernel, GramMicroKernels.Default, maxDegreeOfParallelism);
        RepresentedCount = represented.Height;
        columns = new ThreadLocal<float[]>(() => new float[represented.Height]);
    }

    public int RepresentedCount { get; }

    public int CandidateCount => candidates.Height;

    public float Gain(int candidate, ReadOnlySpan<float> coverage)
    {
        float[] gain = new float[1];
        StreamedGains.Run(packedRepresented, candidates.Span, candidate, candidate + 1, coverage, gain, maxDegreeOfParallelism: 1);
        return gain[0];
    }

    /// <summary>
    /// Runs of at least <see cref="MinimumRun"/> consecutive candidates (the all-candidate passes of naive and lazy greedy)
    /// are read in place; the other candidates (lazy's re-evaluation batches, stochastic samples) are gathered into a
    /// small contiguous matrix first. Either way every gain is the same reduction over the same entries.
    /// </summary>
    public void Gains(ReadOnlySpan<int> candidateIndices, float[] coverage, Span<float> gains, int maxDegreeOfParallelism)
    {
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
                StreamedGains.Run(packedRepresented, candidates.Span, candidateIndices[t], candidateIndices[t] + (r - t), coverage, gains.Slice(t, r - t), maxDegreeOfParallelism);
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
            StreamedGains.Run(packedRepresented, new ReadOnlySpan2D<float>(gathered, scattered.Count, d), 0, scattered.Count, coverage, scatteredGains, maxDegreeOfParallelism);
            for (int p = 0; p < scattered.Count; p++)
            {
                gains[scatteredPositions[p]] = scatteredGains[p];
            }
        }
    }

    /// <summary>coverageᵢ ← max(coverageᵢ, sᵢⱼ), with sᵢⱼ from one Gram row (the same entries the gains use).</summary>
    public void Cover(int candidate, Span<float> coverage)
    {
        float[] column = columns.Value!;
        packedRepresented.ComputeRows(candidates.Span, candidate, candidate + 1, new Span2D<float>(column, 1, column.Length), maxDegreeOfParallelism);
        NonnegativeSimilarity.Apply(kernel.Kind, column);
        System.Numerics.Tensors.TensorPrimitives.Max(coverage, column, coverage);
    }
}
