namespace FastCoverage.Valuation.Utilities;

/// <summary>
/// The latent-mode coverage game of the coverage-view paper (§3): player i belongs to mode j(i); a mode is covered
/// once any of its players is in S and then contributes its cost ρⱼ, so v(S) = Σ_{j covered} ρⱼ, or, as the negative
/// risk, v(S) = −R(S) = −Σ_{j uncovered} ρⱼ (the two differ by a constant, so marginals agree). Lemma 1: the marginal
/// of i is ρ_{j(i)}·1[mode j(i) uncovered]; LOO ≡ 0 when every mode has ≥ 2 points and Shapley = ρⱼ/mⱼ.
/// </summary>
public sealed class LatentModeUtility : IUtility
{
    private readonly int[] _modeOf;
    private readonly double[] _rho;
    private readonly double _offset;

    /// <summary>Creates the latent-mode coverage game on players labelled by their mode.</summary>
    /// <param name="modeOf">The mode j(i) ∈ [0, ρ.Length) of each player.</param>
    /// <param name="rho">The cost ρⱼ ≥ 0 of leaving mode j uncovered.</param>
    /// <param name="negativeRisk"><see langword="true"/> for v(S) = −R(S); <see langword="false"/> for the covered mass.</param>
    /// <exception cref="ArgumentException">A mode index is out of range or a cost is negative or not finite.</exception>
    public LatentModeUtility(int[] modeOf, double[] rho, bool negativeRisk = false)
    {
        ArgumentNullException.ThrowIfNull(modeOf);
        ArgumentNullException.ThrowIfNull(rho);
        for (int j = 0; j < rho.Length; j++)
        {
            if (!double.IsFinite(rho[j]) || rho[j] < 0)
            {
                throw new ArgumentException($"rho holds {rho[j]} at index {j}; costs must be finite and non-negative.", nameof(rho));
            }
        }

        for (int i = 0; i < modeOf.Length; i++)
        {
            if ((uint)modeOf[i] >= (uint)rho.Length)
            {
                throw new ArgumentException($"modeOf holds {modeOf[i]} at index {i}, outside [0, {rho.Length}).", nameof(modeOf));
            }
        }

        _modeOf = (int[])modeOf.Clone();
        _rho = (double[])rho.Clone();
        _offset = negativeRisk ? -rho.Sum() : 0;
    }

    /// <inheritdoc/>
    public int PlayerCount => _modeOf.Length;

    /// <inheritdoc/>
    public IUtilityState CreateState() => new State(this);

    private sealed class State(LatentModeUtility game) : IUtilityState
    {
        private readonly int[] _members = new int[game._rho.Length];
        private double _covered;

        public double Value => game._offset + _covered;

        public void Add(int player)
        {
            UtilityExtensions.ThrowIfNotPlayer(player, game.PlayerCount);
            int mode = game._modeOf[player];
            if (_members[mode]++ == 0)
            {
                _covered += game._rho[mode];
            }
        }

        public void Reset()
        {
            _members.AsSpan().Clear();
            _covered = 0;
        }

        public void CopyTo(IUtilityState destination)
        {
            State target = UtilityExtensions.As<State>(destination, game, s => s.Owner);
            _members.CopyTo(target._members, 0);
            target._covered = _covered;
        }

        private LatentModeUtility Owner => game;
    }
}
