using System.Numerics;
using FastCoverage.Valuation.Utilities;

namespace FastCoverage.Valuation;

/// <summary>
/// Exact semivalues (Shapley, Banzhaf, Beta Shapley) by enumerating all 2ⁿ coalitions, for n ≤ <see cref="MaxPlayers"/>.
/// The table v(S) is filled by a depth-first walk in which every coalition is its parent plus one player, so it costs
/// 2ⁿ incremental <see cref="IUtilityState.Add"/> calls; the values then cost O(n·2ⁿ).
/// </summary>
public static class ExactSemivalue
{
    /// <summary>The largest n accepted (2²⁰ coalitions, an 8 MB table).</summary>
    public const int MaxPlayers = 20;

    /// <summary>The exact Shapley values φᵢ = Σ_S |S|!(n−|S|−1)!/n!·Δᵢ(S).</summary>
    public static ValuationResult Shapley(IUtility utility, int maxDegreeOfParallelism = -1) =>
        Compute(utility, Semivalue.Shapley, maxDegreeOfParallelism);

    /// <summary>The exact Banzhaf values βᵢ = 2^{−(n−1)}·Σ_S Δᵢ(S).</summary>
    public static ValuationResult Banzhaf(IUtility utility, int maxDegreeOfParallelism = -1) =>
        Compute(utility, Semivalue.Banzhaf, maxDegreeOfParallelism);

    /// <summary>The exact semivalue φᵢ = Σ_{S ⊆ D∖{i}} w(|S|)·[v(S ∪ {i}) − v(S)].</summary>
    /// <exception cref="ArgumentException">n &gt; <see cref="MaxPlayers"/>.</exception>
    public static ValuationResult Compute(IUtility utility, Semivalue semivalue, int maxDegreeOfParallelism = -1)
    {
        double[] table = CoalitionValues(utility);
        int n = utility.PlayerCount;
        var values = new double[n];
        if (n == 0)
        {
            return new ValuationResult(semivalue.Name, values, null, 0, null);
        }

        double[] weights = semivalue.CoalitionWeights(n);
        ParallelLoop.Run(() => Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            int bit = 1 << i;
            double sum = 0;
            for (int mask = 0; mask < table.Length; mask++)
            {
                if ((mask & bit) == 0)
                {
                    sum += weights[BitOperations.PopCount((uint)mask)] * (table[mask | bit] - table[mask]);
                }
            }

            values[i] = sum;
        }));
        return new ValuationResult(semivalue.Name, values, null, 0, null);
    }

    /// <summary>v(S) for every coalition S, indexed by the bit mask of S.</summary>
    /// <exception cref="ArgumentException">n &gt; <see cref="MaxPlayers"/>.</exception>
    public static double[] CoalitionValues(IUtility utility)
    {
        ArgumentNullException.ThrowIfNull(utility);
        int n = utility.PlayerCount;
        if (n > MaxPlayers)
        {
            throw new ArgumentException($"Exact enumeration takes at most {MaxPlayers} players; the utility has {n}.", nameof(utility));
        }

        var table = new double[1 << n];
        var states = new IUtilityState[n + 1];
        for (int depth = 0; depth <= n; depth++)
        {
            states[depth] = utility.CreateState();
        }

        table[0] = states[0].Value;
        Visit(states, table, 0, 0, 0, n);
        return table;
    }

    /// <summary>Fills the table for every coalition mask ∪ {j} with j ≥ next, depth-first.</summary>
    private static void Visit(IUtilityState[] states, double[] table, int depth, int mask, int next, int n)
    {
        for (int j = next; j < n; j++)
        {
            IUtilityState child = states[depth + 1];
            states[depth].CopyTo(child);
            child.Add(j);
            int childMask = mask | (1 << j);
            table[childMask] = child.Value;
            Visit(states, table, depth + 1, childMask, j + 1, n);
        }
    }
}
