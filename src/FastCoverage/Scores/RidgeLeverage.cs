using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.Scores;

/// <summary>
/// Ridge leverage scores h_i = φ_iᵀ(ΦᵀΦ + λI)⁻¹φ_i, the per-point "leverage" scalar of the coverage view of data
/// valuation (§2 and §4: ridge leverage among the per-point selectors). Σ_i h_i = tr(Φ(ΦᵀΦ + λI)⁻¹Φᵀ) =
/// Σ_k σ_k²/(σ_k² + λ) ≤ min(n, d), the effective dimension; each h_i lies in [0, 1) for λ &gt; 0.
/// </summary>
/// <remarks>
/// Cost: O(n·d²) to form ΦᵀΦ (2 MB row blocks converted to double, entries accumulated in row order, parallel over the
/// Gram rows), O(d³) for its Cholesky factor L, and O(n·d²/2) for h_i = ‖L⁻¹φ_i‖² by SIMD forward substitution,
/// parallel over points. Results do not depend on the thread count.
/// </remarks>
public static class RidgeLeverage
{
    /// <summary>Points per parallel work item of the forward solves.</summary>
    private const int RowBlock = 256;

    /// <summary>Doubles per widened block of Φ's rows while forming ΦᵀΦ (2 MB): few, large parallel steps.</summary>
    private const int GramBlockDoubles = 1 << 18;

    /// <summary>Computes h_i for every row φ_i of <paramref name="features"/>.</summary>
    /// <param name="features">Φ, n×d.</param>
    /// <param name="lambda">The ridge λ ≥ 0; λ = 0 requires ΦᵀΦ to be positive definite.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <returns>h, length n.</returns>
    /// <exception cref="ArgumentException">Φ is empty or not finite, λ is negative or not finite, or ΦᵀΦ + λI is not positive definite.</exception>
    public static double[] Compute(ReadOnlySpan2D<float> features, double lambda, int maxDegreeOfParallelism = -1)
    {
        MatrixChecks.ThrowIfEmptyOrNotFinite(features, nameof(features));
        Finite.ThrowIfNegative(lambda, nameof(lambda));

        int n = features.Height, d = features.Width;
        double[] gram = RegularizedGram(features, lambda, maxDegreeOfParallelism);
        double[] factor = CholeskyFactor(gram, d, lambda);
        var leverage = new double[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        unsafe
        {
            fixed (float* p = &Unsafe.AsRef(in features.GetRowSpan(0).GetPinnableReference()))
            {
                var phi = new MatrixView(p, n, d, MatrixView.StrideOf(features));
                Parallel.For(0, (n + RowBlock - 1) / RowBlock, options, () => new double[2 * d], (b, _, scratch) =>
                {
                    Span<double> row = scratch.AsSpan(0, d), z = scratch.AsSpan(d, d);
                    for (int i = b * RowBlock; i < Math.Min(n, (b + 1) * RowBlock); i++)
                    {
                        TensorPrimitives.ConvertChecked<float, double>(phi.RowSpan(i), row);
                        leverage[i] = SquaredNormOfForwardSolve(factor, d, row, z);
                    }

                    return scratch;
                }, _ => { });
            }
        }

        return leverage;
    }

    /// <summary>‖L⁻¹φ‖² by forward substitution: z_k = (φ_k − Σ_{j&lt;k} L_kj z_j)/L_kk.</summary>
    private static double SquaredNormOfForwardSolve(double[] factor, int d, ReadOnlySpan<double> phi, Span<double> z)
    {
        for (int k = 0; k < d; k++)
        {
            ReadOnlySpan<double> lk = factor.AsSpan(k * d, d);
            z[k] = (phi[k] - TensorPrimitives.Dot(lk[..k], z[..k])) / lk[k];
        }

        return TensorPrimitives.Dot(z, z);
    }

    /// <summary>The lower triangle of ΦᵀΦ + λI, d×d row-major.</summary>
    private static double[] RegularizedGram(ReadOnlySpan2D<float> features, double lambda, int maxDegreeOfParallelism)
    {
        int n = features.Height, d = features.Width;
        var gram = new double[d * d];
        int blockRows = Math.Max(1, GramBlockDoubles / d);
        var block = new double[Math.Min(blockRows, n) * d];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        for (int i0 = 0; i0 < n; i0 += blockRows)
        {
            int rows = Math.Min(blockRows, n - i0);
            for (int r = 0; r < rows; r++)
            {
                TensorPrimitives.ConvertChecked<float, double>(features.GetRowSpan(i0 + r), block.AsSpan(r * d, d));
            }

            // Row a of the lower triangle accumulates the block's rows in order, whichever thread owns it.
            Parallel.For(0, d, options, a =>
            {
                Span<double> target = gram.AsSpan(a * d, a + 1);
                for (int r = 0; r < rows; r++)
                {
                    ReadOnlySpan<double> phi = block.AsSpan(r * d, a + 1);
                    TensorPrimitives.MultiplyAdd(phi, phi[a], target, target);
                }
            });
        }

        for (int a = 0; a < d; a++)
        {
            gram[(a * d) + a] += lambda;
        }

        return gram;
    }

    /// <summary>The lower Cholesky factor L of the d×d matrix, row-major.</summary>
    private static double[] CholeskyFactor(double[] gram, int d, double lambda)
    {
        if (!Cholesky.Factor(gram, d))
        {
            throw new ArgumentException($"ΦᵀΦ + λI is not positive definite with λ = {lambda}; use λ > 0.", nameof(lambda));
        }

        return gram;
    }
}
