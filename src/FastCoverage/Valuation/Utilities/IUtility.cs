namespace FastCoverage.Valuation.Utilities;

/// <summary>
/// A coalition utility v(S) over players 0 … <see cref="PlayerCount"/> − 1 (training points), evaluated
/// incrementally: a state starts at S = ∅ and grows one player at a time, so a permutation pass costs one
/// <see cref="IUtilityState.Add"/> per step instead of a re-evaluation per prefix.
/// </summary>
public interface IUtility
{
    /// <summary>The number of players n.</summary>
    int PlayerCount { get; }

    /// <summary>A new state holding S = ∅. States are independent, so each worker thread uses its own.</summary>
    IUtilityState CreateState();
}

/// <summary>The running coalition S of an <see cref="IUtility"/> and its value v(S).</summary>
public interface IUtilityState
{
    /// <summary>v(S) of the current coalition.</summary>
    double Value { get; }

    /// <summary>S ← S ∪ {player}. The player must not already be in S.</summary>
    void Add(int player);

    /// <summary>S ← ∅.</summary>
    void Reset();

    /// <summary>Makes <paramref name="destination"/> (a state of the same utility) hold the same coalition.</summary>
    void CopyTo(IUtilityState destination);
}
