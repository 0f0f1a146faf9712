namespace FastCoverage.Selection;

/// <summary>How <see cref="FacilityLocation"/> holds the similarities it computes from features.</summary>
public enum SimilarityStorage
{
    /// <summary>The full n × |U| kernel matrix through the Gram core (|U|·n floats); fastest when it fits in memory.</summary>
    Dense,

    /// <summary>
    /// No matrix: each candidate's column k(U, xⱼ) is recomputed through the Gram core when an optimizer needs it.
    /// Memory O((n + |U|)·d + |U|); each gain evaluation costs O(|U|·d).
    /// </summary>
    Streaming,

    /// <summary>
    /// A sparse k-nearest-neighbour similarity: each represented point keeps its <see cref="FeatureSimilarity.Neighbors"/>
    /// most similar candidates (exact, found by blocked Gram rows; ties by lowest index), plus itself when the pool
    /// represents itself. Memory O(|U|·neighbours); gains cost O(neighbours) on average.
    /// </summary>
    NearestNeighbors,
}
