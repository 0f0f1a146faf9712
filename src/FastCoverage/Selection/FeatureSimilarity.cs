using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Selection;

/// <summary>
/// Facility-location similarities defined by features and a kernel: sᵢⱼ = k(uᵢ, xⱼ) made nonnegative (RBF kept,
/// cosine c ↦ (1 + c)/2, linear clamped at 0), for represented points uᵢ and candidates xⱼ.
/// </summary>
/// <param name="Candidates">The pool X (n × d) the selection is drawn from.</param>
/// <param name="Kernel">The kernel (rbf, cosine or linear).</param>
public sealed record FeatureSimilarity(ReadOnlyMemory2D<float> Candidates, Kernel Kernel)
{
    /// <summary>
    /// The represented set U (|U| × d) whose coverage is maximized; empty (the default) for the pool itself.
    /// </summary>
    public ReadOnlyMemory2D<float> Represented { get; init; }

    /// <summary>How the similarities are held: a dense matrix, streamed columns, or a sparse nearest-neighbour graph.</summary>
    public SimilarityStorage Storage { get; init; } = SimilarityStorage.Dense;

    /// <summary>
    /// For <see cref="SimilarityStorage.NearestNeighbors"/>: how many most similar candidates each represented point keeps
    /// (besides itself when the pool represents itself, so n − 1 keeps everything).
    /// </summary>
    public int Neighbors { get; init; } = 100;
}
