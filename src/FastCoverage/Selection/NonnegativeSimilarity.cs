using System.Numerics.Tensors;
using FastCoverage.Kernels;

namespace FastCoverage.Selection;

/// <summary>
/// Maps kernel values to the nonnegative similarities facility location needs (s ≥ 0):
/// RBF values are already in (0, 1] and are kept; cosine similarity c ∈ [−1, 1] becomes (1 + c)/2 ∈ [0, 1]
/// (an affine map, so the greedy order is the one of the raw cosine with an empty-set coverage of −1);
/// a linear kernel ⟨x, y⟩ is clamped to max(⟨x, y⟩, 0) (anti-aligned pairs cover nothing).
/// The squared Euclidean distance is a dissimilarity and is rejected.
/// </summary>
internal static class NonnegativeSimilarity
{
    /// <summary>Throws unless the kernel is one facility location can use.</summary>
    public static void ThrowIfUnsupported(Kernel kernel, string parameterName)
    {
        if (kernel.Kind == KernelKind.SquaredEuclidean)
        {
            throw new ArgumentException("Facility location needs a similarity: use the rbf, cosine or linear kernel, not the squared Euclidean distance.", parameterName);
        }
    }

    /// <summary>Applies the map in place to a row of kernel values.</summary>
    public static void Apply(KernelKind kind, Span<float> values)
    {
        switch (kind)
        {
            case KernelKind.Cosine:
                TensorPrimitives.Multiply(values, 0.5f, values);
                TensorPrimitives.Add(values, 0.5f, values);
                break;
            case KernelKind.Linear:
                TensorPrimitives.Max(values, 0f, values);
                break;
        }
    }
}
