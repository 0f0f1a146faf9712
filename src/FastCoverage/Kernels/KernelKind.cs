namespace FastCoverage.Kernels;

/// <summary>The pairwise functions the Gram core evaluates.</summary>
public enum KernelKind
{
    /// <summary>Dot product k(x, y) = ⟨x, y⟩.</summary>
    Linear,

    /// <summary>Cosine similarity k(x, y) = ⟨x, y⟩ / (‖x‖‖y‖); 0 when either row is all zeros.</summary>
    Cosine,

    /// <summary>Gaussian (RBF) kernel k(x, y) = exp(−γ‖x − y‖²), γ &gt; 0 (default 1/d).</summary>
    Rbf,

    /// <summary>Squared Euclidean distance ‖x − y‖² (clamped at 0 against rounding).</summary>
    SquaredEuclidean,
}
