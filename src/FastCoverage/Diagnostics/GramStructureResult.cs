namespace FastCoverage.Diagnostics;

/// <summary>How much of a Gram matrix G lies off its diagonal and, given labels, inside versus across label blocks.</summary>
public sealed class GramStructureResult
{
    /// <summary>Number of points n.</summary>
    public required int Count { get; init; }

    /// <summary>
    /// Off-diagonal Gram mass Σ_{i≠j} G_ij² / Σ_{i,j} G_ij² ∈ [0, 1]: 0 for mutually orthogonal points (the
    /// no-interaction geometry of coverage-view Theorem 1), (n − 1)/n for n identical points; 0 for a zero matrix.
    /// </summary>
    public required double OffDiagonalMass { get; init; }

    /// <summary>Mean off-diagonal entry, Σ_{i≠j} G_ij / (n(n − 1)); NaN for n = 1.</summary>
    public required double MeanOffDiagonal { get; init; }

    /// <summary>Number of distinct labels, or 0 when no labels were given.</summary>
    public int Classes { get; init; }

    /// <summary>Mean G_ij over pairs i ≠ j with equal labels; NaN without labels or without such pairs.</summary>
    public double WithinBlockMean { get; init; } = double.NaN;

    /// <summary>Mean G_ij over pairs with different labels; NaN without labels or with a single class.</summary>
    public double BetweenBlockMean { get; init; } = double.NaN;

    /// <summary>
    /// Block contrast = <see cref="WithinBlockMean"/> − <see cref="BetweenBlockMean"/>: how much more similar points
    /// of one mode (label) are than points of different modes (coverage-view Table 2); NaN when either is undefined.
    /// </summary>
    public double BlockContrast => WithinBlockMean - BetweenBlockMean;

    /// <summary>
    /// Kernel-target alignment A(G, Y) with the ideal label kernel Y_ij = 1[yᵢ = yⱼ]:
    /// ⟨G, Y⟩_F / (‖G‖_F‖Y‖_F) (Cristianini et al., 2002; whose-geometry §3); NaN without labels or when G = 0.
    /// </summary>
    public double LabelAlignment { get; init; } = double.NaN;
}
