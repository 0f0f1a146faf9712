namespace FastCoverage;

/// <summary>
/// Squared Euclidean distance by direct differences accumulated in double, in index order: near-ties order as an
/// exact computation would (no ‖x‖² + ‖y‖² − 2⟨x, y⟩ cancellation), which neighbour-based methods need.
/// </summary>
internal static class PreciseDistance
{
    /// <summary>Σₖ (aₖ − bₖ)² in double; the spans have equal length.</summary>
    public static double SquaredEuclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double diff = (double)a[k] - b[k];
            sum += diff * diff;
        }

        return sum;
    }
}
