using CommunityToolkit.HighPerformance;

namespace FastCoverage.Theory;

/// <summary>
/// The soft-mode (spiked-covariance) instance of the coverage view (Appendix E): r random orthonormal directions
/// u_1..u_r in ℝ^D with masses π_j, within-mode noise η orthogonal to them,
/// Σ = Σ_j π_j u_j u_jᵀ + η² P⊥ (P⊥ the projector onto the complement of span{u_j}), and points φ_i = u_j + η ξ_i of
/// mode j with ξ_i a uniformly random unit vector of that complement.
/// </summary>
/// <remarks>
/// With these features the marginal (1) satisfies Soft Lemma 1: g_i(S) = π_j + O(η²) when mode j is uncovered by S
/// (in fact |g_i(S) − π_j| ≤ η²·λ_max(Σ), because u_j ⊥ span of the other modes' features), and g_i(S) = O(η²) once
/// a point of mode j is selected.
/// </remarks>
public sealed class SpikedCovariance
{
    private readonly double[,] directions;
    private readonly double[] masses;

    /// <summary>Draws the directions u_1..u_r (seeded).</summary>
    /// <param name="dimension">D &gt; r (the complement must be non-empty).</param>
    /// <param name="masses">π_j &gt; 0, one per mode (the spike eigenvalues σ_j ≡ π_j).</param>
    /// <param name="noise">η ≥ 0, the within-mode noise.</param>
    /// <param name="seed">the random seed of the directions.</param>
    public SpikedCovariance(int dimension, ReadOnlySpan<double> masses, double noise, int seed)
    {
        if (masses.IsEmpty)
        {
            throw new ArgumentException("At least one mode is needed.", nameof(masses));
        }

        for (int j = 0; j < masses.Length; j++)
        {
            if (!(masses[j] > 0 && double.IsFinite(masses[j])))
            {
                throw new ArgumentException($"masses holds {masses[j]} at index {j}; every mass must be finite and positive.", nameof(masses));
            }
        }

        if (dimension <= masses.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"The dimension must exceed the number of modes r = {masses.Length}.");
        }

        if (!(noise >= 0 && double.IsFinite(noise)))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise η must be finite and non-negative.");
        }

        this.masses = masses.ToArray();
        Noise = noise;
        Dimension = dimension;
        directions = RandomDirections.Orthonormal(masses.Length, dimension, new Random(seed));
    }

    /// <summary>The ambient feature dimension D (greater than the mode count r).</summary>
    public int Dimension { get; }

    /// <summary>The number of modes r, one spike direction u_j each.</summary>
    public int ModeCount => masses.Length;

    /// <summary>The within-mode noise scale η: points are u_j + η ξ with ξ orthogonal to the spikes (Σ gains η² P⊥).</summary>
    public double Noise { get; }

    /// <summary>π_j, the mass of each mode.</summary>
    public ReadOnlySpan<double> Masses => masses;

    /// <summary>The directions u_j as the rows of an r×D matrix.</summary>
    public ReadOnlySpan2D<double> Directions => directions;

    /// <summary>Σ = Σ_j π_j u_j u_jᵀ + η² (I − Σ_j u_j u_jᵀ) as a new D×D matrix.</summary>
    public double[,] Covariance()
    {
        int d = Dimension;
        double eta2 = Noise * Noise;
        var sigma = new double[d, d];
        for (int a = 0; a < d; a++)
        {
            sigma[a, a] = eta2;
            for (int b = 0; b < d; b++)
            {
                double value = 0;
                for (int j = 0; j < ModeCount; j++)
                {
                    value += (masses[j] - eta2) * directions[j, a] * directions[j, b];
                }

                sigma[a, b] += value;
            }
        }

        // Symmetrize exactly (the two triangles round differently).
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b < a; b++)
            {
                double mean = 0.5 * (sigma[a, b] + sigma[b, a]);
                sigma[a, b] = mean;
                sigma[b, a] = mean;
            }
        }

        return sigma;
    }

    /// <summary>Features φ_i = u_{j(i)} + η ξ_i, ξ_i a random unit vector orthogonal to every u_ℓ (seeded).</summary>
    /// <param name="modeOfPoint">the mode j ∈ [0, r) of each point.</param>
    /// <param name="seed">the random seed of the noise.</param>
    /// <returns>an N×D matrix, row i the feature of point i.</returns>
    public double[,] SampleFeatures(ReadOnlySpan<int> modeOfPoint, int seed)
    {
        var random = new Random(seed);
        var features = new double[modeOfPoint.Length, Dimension];
        var xi = new double[Dimension];
        for (int i = 0; i < modeOfPoint.Length; i++)
        {
            int j = modeOfPoint[i];
            if ((uint)j >= (uint)ModeCount)
            {
                throw new ArgumentException($"modeOfPoint holds {j} at index {i}; modes must lie in [0, {ModeCount}).", nameof(modeOfPoint));
            }

            RandomDirections.UnitOrthogonalTo(directions, ModeCount, random, xi);
            for (int c = 0; c < Dimension; c++)
            {
                features[i, c] = directions[j, c] + (Noise * xi[c]);
            }
        }

        return features;
    }
}
