using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Selection;

/// <summary>
/// Greedy maximization of the facility-location (coverage) function F(S) = Σ_{i∈U} max_{j∈S} sᵢⱼ, with i a
/// represented point (by default the pool itself) and j a candidate, over a similarity s ≥ 0. F is monotone
/// submodular, so greedy is (1 − 1/e)-optimal (Nemhauser et al. 1978); this is the "greedy coverage" S_FL of the
/// coverage view of data valuation (§3, Theorem 2) and the RKHS-coverage functional F_K(S) of learner-relative
/// selection (§2). The gain of candidate j is Σᵢ max(sᵢⱼ − curᵢ, 0) with curᵢ = max_{j'∈S} sᵢⱼ'.
/// </summary>
public static class FacilityLocation
{
    /// <summary>Selects <paramref name="k"/> candidates from a precomputed dense similarity.</summary>
    /// <param name="similarity">
    /// The similarity, finite and ≥ 0: s (|U| × n) for <see cref="SimilarityLayout.RepresentedMajor"/>, sᵀ (n × |U|) for
    /// <see cref="SimilarityLayout.CandidateMajor"/>. At most 2³¹ − 1 entries.
    /// </param>
    /// <param name="k">How many candidates to pick (besides an initial subset); 0 ≤ k ≤ n − |initial subset|.</param>
    /// <param name="options">Optimizer, warm start, costs and budget, stopping and threads; <see langword="null"/> for lazy greedy.</param>
    /// <param name="layout">How <paramref name="similarity"/> is laid out.</param>
    /// <returns>The picks in order with their gains and F(S) after each.</returns>
    /// <exception cref="ArgumentException">The matrix is empty, holds NaN/Inf or a negative value; k or an option is out of range.</exception>
    public static FacilityLocationResult Maximize(ReadOnlyMemory2D<float> similarity, int k, FacilityLocationOptions? options = null, SimilarityLayout layout = SimilarityLayout.RepresentedMajor)
    {
        options ??= new FacilityLocationOptions();
        MatrixChecks.ThrowIfEmpty(similarity.Span, nameof(similarity));

        if ((long)similarity.Height * similarity.Width > int.MaxValue)
        {
            throw new ArgumentException($"The similarity matrix has {(long)similarity.Height * similarity.Width} entries, more than a dense matrix can hold; use FeatureSimilarity with streaming or nearest-neighbour storage.", nameof(similarity));
        }

        int candidates = layout == SimilarityLayout.CandidateMajor ? similarity.Height : similarity.Width;
        FacilityLocationValidation.Check(options, k, candidates, FacilityLocationValidation.InitialSubset(options.InitialSubset, candidates).Length);
        // Lazy greedy without a warm start reads the matrix once up front: the checks and every gain at zero coverage.
        // Candidate-major input is checked in that pass; represented-major input is checked in its own layout (so errors
        // name its rows) before the transpose.
        bool lazyFirstPass = options.Optimizer == FacilityLocationOptimizer.Lazy && options.InitialSubset is not { Count: > 0 };
        if (layout != SimilarityLayout.CandidateMajor || !lazyFirstPass)
        {
            FacilityLocationValidation.ThrowIfNotFiniteOrNegative(similarity, nameof(similarity), options.MaxDegreeOfParallelism);
        }

        using DenseSimilaritySource source = layout == SimilarityLayout.CandidateMajor
            ? DenseSimilarityLayout.FromCandidateMajor(similarity)
            : DenseSimilarityLayout.FromRepresentedMajor(similarity, options.MaxDegreeOfParallelism);

        // The first pass also keeps each row's pending list (its entries above a sampled threshold): a candidate's first
        // re-evaluation then reads the list, or gets an upper bound from it, instead of the whole row.
        float[]? gainsAtZeroCoverage = lazyFirstPass ? source.FirstPass(nameof(similarity), options.MaxDegreeOfParallelism, withPendingLists: true) : null;
        return Run(source, k, options, DenseLazyBatch(options), gainsAtZeroCoverage);
    }

    /// <summary>Selects <paramref name="k"/> candidates with similarities computed from features and a kernel.</summary>
    /// <param name="similarity">Candidates, kernel, optional represented set and how the similarities are held.</param>
    /// <param name="k">How many candidates to pick (besides an initial subset); 0 ≤ k ≤ n − |initial subset|.</param>
    /// <param name="options">Optimizer, warm start, costs and budget, stopping and threads; <see langword="null"/> for lazy greedy.</param>
    /// <returns>The picks in order with their gains and F(S) after each.</returns>
    /// <exception cref="ArgumentException">Empty or non-finite features, mismatched widths, a squared-Euclidean kernel, or k, neighbours or an option out of range.</exception>
    public static FacilityLocationResult Maximize(FeatureSimilarity similarity, int k, FacilityLocationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        options ??= new FacilityLocationOptions();
        ReadOnlyMemory2D<float> x = similarity.Candidates;
        bool representedIsPool = similarity.Represented.IsEmpty;
        ReadOnlyMemory2D<float> u = representedIsPool ? x : similarity.Represented;
        if (x.Height == 0 || x.Width == 0)
        {
            throw new ArgumentException($"The candidate features are empty ({x.Height}×{x.Width}).", nameof(similarity));
        }

        if (u.Height == 0 || u.Width != x.Width)
        {
            throw new ArgumentException($"The represented features are {u.Height}×{u.Width}; they must be nonempty with {x.Width} columns like the candidates.", nameof(similarity));
        }

        // Options first: a bad k should not wait for a kNN graph or a Gram matrix.
        FacilityLocationValidation.Check(options, k, x.Height, FacilityLocationValidation.InitialSubset(options.InitialSubset, x.Height).Length);
        NonnegativeSimilarity.ThrowIfUnsupported(similarity.Kernel, nameof(similarity));
        if (similarity.Kernel.Kind == KernelKind.Rbf)
        {
            similarity.Kernel.ResolveGamma(x.Width);
        }

        Finite.ThrowIfNotFinite(x.Span, "candidates");
        if (!representedIsPool)
        {
            Finite.ThrowIfNotFinite(u.Span, "represented");
        }

        ISimilaritySource source;
        float[]? gainsAtZeroCoverage = null;
        (int Batch, int MaxBatch) lazyBatch = (1, 1);
        switch (similarity.Storage)
        {
            case SimilarityStorage.Dense:
                // The Gram storage is pooled: the source hands it back when the selection ends. Lazy greedy keeps pending
                // lists in its first pass, as on a precomputed matrix.
                using (DenseSimilaritySource dense = DenseSimilarityLayout.FromKernel(x, u, representedIsPool, similarity.Kernel, options.MaxDegreeOfParallelism))
                {
                    if (options.Optimizer == FacilityLocationOptimizer.Lazy && options.InitialSubset is not { Count: > 0 })
                    {
                        gainsAtZeroCoverage = dense.FirstPass(nameof(similarity), options.MaxDegreeOfParallelism, withPendingLists: true);
                    }

                    return Run(dense, k, options, DenseLazyBatch(options), gainsAtZeroCoverage);
                }

            case SimilarityStorage.Streaming:
                source = new StreamingSimilaritySource(x, u, similarity.Kernel, options.MaxDegreeOfParallelism);
                // Re-evaluations are gathered into blocks of Gram rows, adaptively sized like the dense path's batches.
                lazyBatch = (Math.Max(StreamingLazyBatch, Threads(options)), StreamingLazyMaxBatch);
                break;
            case SimilarityStorage.NearestNeighbors:
                int most = representedIsPool ? x.Height - 1 : x.Height;
                if (similarity.Neighbors < 1 || similarity.Neighbors > most)
                {
                    throw new ArgumentOutOfRangeException(nameof(similarity), similarity.Neighbors, $"Neighbors must be in [1, {most}] for {x.Height} candidates.");
                }

                source = NearestNeighborGraph.Build(x, u, representedIsPool, similarity.Kernel, similarity.Neighbors, options.MaxDegreeOfParallelism);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(similarity), similarity.Storage, "Unknown similarity storage.");
        }

        return Run(source, k, options, lazyBatch, gainsAtZeroCoverage);
    }

    /// <summary>
    /// The smallest re-evaluation batch on streamed columns: two panels of the AVX-512 micro-kernel (14 rows each), one
    /// per thread on two cores. A batch re-reads all of U's packed features, so small batches are memory-bound.
    /// </summary>
    private const int StreamingLazyBatch = 28;

    /// <summary>
    /// The largest first re-evaluation batch of a pick on streamed columns. Picks on clustered data re-evaluate about
    /// a cluster's worth of candidates (n/50 on the 50-blob benchmark), and a batch of many 224-row blocks runs the Gram
    /// core at full speed, so the cap is high.
    /// </summary>
    private const int StreamingLazyMaxBatch = 4096;

    /// <summary>
    /// A dense gain is one short contiguous pass: lazy re-evaluates two stale entries per thread at a time, and the first
    /// batch of a pick as many as the previous pick needed (up to <see cref="DenseLazyMaxBatch"/>), so that a pick
    /// usually costs one parallel call.
    /// </summary>
    private static (int Batch, int MaxBatch) DenseLazyBatch(FacilityLocationOptions options) => (2 * Threads(options), Math.Max(DenseLazyMaxBatch, 2 * Threads(options)));

    /// <summary>The largest first re-evaluation batch of a pick on a dense similarity.</summary>
    private const int DenseLazyMaxBatch = 128;

    private static int Threads(FacilityLocationOptions options) => options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;

    private static FacilityLocationResult Run(ISimilaritySource source, int k, FacilityLocationOptions options, (int Batch, int MaxBatch) lazyBatch, float[]? gainsAtZeroCoverage = null)
    {
        int n = source.CandidateCount;
        int[] initial = FacilityLocationValidation.InitialSubset(options.InitialSubset, n);
        FacilityLocationValidation.Check(options, k, n, initial.Length);
        double[]? costs = options.Costs is null ? null : [.. options.Costs];
        var state = new GreedyState(source, k, initial, costs, options.Budget ?? double.PositiveInfinity, options.Progress, options.MaxDegreeOfParallelism);
        // The run's coverage only grows: dense rows keep lists of their live entries and are read in full about once
        // (lazy greedy's first pass may already have made pending ones).
        var dense = source as DenseSimilaritySource;
        dense?.TrackLiveEntries(state.Coverage);

        try
        {
            switch (options.Optimizer)
            {
                case FacilityLocationOptimizer.Naive:
                    NaiveGreedy.Run(state, options.StopAtZeroGain);
                    break;
                case FacilityLocationOptimizer.Stochastic:
                    StochasticGreedy.Run(state, k, options.StopAtZeroGain, options.Epsilon, options.Seed);
                    break;
                default:
                    LazyGreedy.Run(state, options.StopAtZeroGain, lazyBatch.Batch, lazyBatch.MaxBatch, gainsAtZeroCoverage);
                    break;
            }
        }
        finally
        {
            dense?.StopTrackingLiveEntries();
        }

        FacilityLocationResult result = state.ToResult();
        return costs is null ? result : BestSingleCandidate.Safeguard(source, result, initial, costs, options);
    }
}
