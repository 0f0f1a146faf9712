namespace FastCoverage.Selection;

/// <summary>How a dense similarity matrix passed to <see cref="FacilityLocation"/> is laid out.</summary>
public enum SimilarityLayout
{
    /// <summary>
    /// Row i is a represented point, column j a candidate: the matrix is s (|U| × n). The library makes one
    /// candidate-major copy (|U|·n floats) so that each gain is a contiguous pass.
    /// </summary>
    RepresentedMajor,

    /// <summary>
    /// Row j is a candidate, column i a represented point: the matrix is sᵀ (n × |U|) and is used without a copy.
    /// A symmetric similarity of a pool with itself (e.g. an RBF Gram matrix) is the same in both layouts: pass this.
    /// </summary>
    CandidateMajor,
}
