using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using MathNet.Numerics.LinearAlgebra;

namespace FastCoverage.Diagnostics;

/// <summary>The effective rank of a feature second moment, in its two standard forms, and the spectrum behind them.</summary>
/// <param name="ParticipationRatio">(Σλ)² / Σλ²: d for an isotropic spectrum, 1 for rank one, 0 for all-zero features.</param>
/// <param name="EntropyRank">exp(H(p)) with pᵢ = λᵢ / Σλ and H the Shannon entropy (0·ln 0 = 0); same extremes.</param>
/// <param name="Eigenvalues">The eigenvalues λ of Σ = XᵀX / n, descending, rounding negatives clamped to 0.</param>
public sealed record EffectiveRankResult(double ParticipationRatio, double EntropyRank, double[] Eigenvalues);

/// <summary>
/// Effective rank of the feature second moment Σ = (1/n)·Σᵢ xᵢxᵢᵀ: the "number of modes" r of the coverage paper's
/// spectral reading (coverage-view App. E; Table 2). A low effective rank means a peaked, redundant spectrum, where
/// coverage beats per-point top-k; a high one means near-orthogonal points, where the gap vanishes.
/// </summary>
public static class EffectiveRank
{
    /// <summary>Computes Σ = XᵀX / n through the Gram core (float32 dot products of the d columns) and its eigenvalues (MathNet, double).</summary>
    /// <param name="features">X, n×d, finite.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <returns>Both effective ranks and the spectrum. Cost O(n·d² + d³).</returns>
    /// <exception cref="ArgumentException">X is empty or not finite.</exception>
    public static EffectiveRankResult Compute(ReadOnlySpan2D<float> features, int maxDegreeOfParallelism = -1)
    {
        int n = features.Height;
        int d = features.Width;
        if (n == 0 || d == 0)
        {
            throw new ArgumentException($"The features must be non-empty; got {n}×{d}.", nameof(features));
        }

        Finite.ThrowIfNotFinite(features, nameof(features));
        var columns = new float[d, n];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = features.GetRowSpan(i);
            for (int j = 0; j < d; j++)
            {
                columns[j, i] = row[j];
            }
        }

        var secondMoment = new float[d, d];
        Gram.ComputeSymmetric(new ReadOnlySpan2D<float>(columns), Kernel.Linear, new Span2D<float>(secondMoment), maxDegreeOfParallelism);
        var sigma = Matrix<double>.Build.Dense(d, d, (a, b) => 0.5 * ((double)secondMoment[a, b] + secondMoment[b, a]) / n);
        double[] eigenvalues = sigma.Evd(Symmetricity.Symmetric).EigenValues.Select(c => Math.Max(0.0, c.Real)).ToArray();
        Array.Sort(eigenvalues, (a, b) => b.CompareTo(a));
        return FromEigenvalues(eigenvalues);
    }

    /// <summary>Both effective ranks of a given nonnegative spectrum (see <see cref="EffectiveRankResult"/>).</summary>
    /// <param name="eigenvalues">The spectrum λ; entries must be finite and ≥ 0.</param>
    /// <exception cref="ArgumentException">An entry is negative, NaN or infinite.</exception>
    public static EffectiveRankResult FromEigenvalues(ReadOnlySpan<double> eigenvalues)
    {
        double sum = 0;
        double sumOfSquares = 0;
        foreach (double lambda in eigenvalues)
        {
            if (!double.IsFinite(lambda) || lambda < 0)
            {
                throw new ArgumentException($"Eigenvalues must be finite and nonnegative; got {lambda}.", nameof(eigenvalues));
            }

            sum += lambda;
            sumOfSquares += lambda * lambda;
        }

        if (sum == 0)
        {
            return new EffectiveRankResult(0, 0, eigenvalues.ToArray());
        }

        double entropy = 0;
        foreach (double lambda in eigenvalues)
        {
            if (lambda > 0)
            {
                double p = lambda / sum;
                entropy -= p * Math.Log(p);
            }
        }

        return new EffectiveRankResult(sum * sum / sumOfSquares, Math.Exp(entropy), eigenvalues.ToArray());
    }
}
