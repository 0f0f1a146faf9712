namespace FastCoverage.Kernels;

/// <summary>
/// A kernel function: its <see cref="KernelKind"/> and, for <see cref="KernelKind.Rbf"/>, the bandwidth γ.
/// </summary>
/// <param name="Kind">Which function.</param>
/// <param name="Gamma">γ of the RBF kernel; <see langword="null"/> means 1/d, with d the feature dimension.</param>
public readonly record struct Kernel(KernelKind Kind, float? Gamma = null)
{
    /// <summary>The dot-product kernel.</summary>
    public static Kernel Linear => new(KernelKind.Linear);

    /// <summary>The cosine-similarity kernel.</summary>
    public static Kernel Cosine => new(KernelKind.Cosine);

    /// <summary>The squared Euclidean distance (a dissimilarity, not a kernel, computed by the same core).</summary>
    public static Kernel SquaredEuclidean => new(KernelKind.SquaredEuclidean);

    /// <summary>The RBF kernel exp(−γ‖x − y‖²).</summary>
    /// <param name="gamma">The bandwidth γ &gt; 0; <see langword="null"/> for 1/d.</param>
    public static Kernel Rbf(float? gamma = null) => new(KernelKind.Rbf, gamma);

    /// <summary>The γ used for feature dimension <paramref name="dimension"/>: <see cref="Gamma"/> or 1/d.</summary>
    /// <exception cref="ArgumentOutOfRangeException">γ is not a finite positive number, or d &lt; 1.</exception>
    public float ResolveGamma(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (Gamma is { } g)
        {
            if (!float.IsFinite(g) || g <= 0f)
            {
                throw new ArgumentOutOfRangeException(nameof(Gamma), g, "The RBF bandwidth gamma must be a finite positive number.");
            }

            return g;
        }

        return 1f / dimension;
    }

    /// <summary>Parses a kernel name as used on the command line: linear, cosine, rbf, sqeuclidean.</summary>
    /// <exception cref="ArgumentException">The name is not one of these.</exception>
    public static KernelKind ParseKind(string name) => name.Trim().ToLowerInvariant() switch
    {
        "linear" => KernelKind.Linear,
        "cosine" => KernelKind.Cosine,
        "rbf" => KernelKind.Rbf,
        "sqeuclidean" or "squared-euclidean" => KernelKind.SquaredEuclidean,
        _ => throw new ArgumentException($"Unknown kernel '{name}': expected linear, cosine, rbf or sqeuclidean.", nameof(name)),
    };
}
