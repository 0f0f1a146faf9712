namespace FastCoverage.Theory;

/// <summary>
/// The exact expected number of modes covered by top-k of a mode-constant (tiered) score with uniform tie-breaking
/// (Proposition 1, Appendix D "from pairwise to global"): the top-k takes whole value tiers, highest first, and then a
/// uniform subset of the single active tier, so E[#covered] = (#modes in whole tiers) + Σ_{j in active tier}
/// (1 − C(T − m_j, k′)/C(T, k′)), T the active tier's size and k′ the budget left for it.
/// </summary>
public static class TieredScoreCoverage
{
    /// <summary>
    /// Expected modes covered by top-k of the score that gives every point of mode j the value
    /// <paramref name="modeScores"/>[j], ties broken uniformly at random.
    /// </summary>
    /// <param name="modeSizes">m_j ≥ 1 for every mode.</param>
    /// <param name="modeScores">the score c_j of mode j (finite); equal scores form one tier.</param>
    /// <param name="k">0 ≤ k ≤ N.</param>
    public static double ExpectedCoveredModes(ReadOnlySpan<long> modeSizes, ReadOnlySpan<double> modeScores, long k)
    {
        long poolSize = Occupancy.PoolSize(modeSizes);
        if (modeScores.Length != modeSizes.Length)
        {
            throw new ArgumentException($"modeScores has {modeScores.Length} entries but there are {modeSizes.Length} modes.", nameof(modeScores));
        }

        for (int j = 0; j < modeScores.Length; j++)
        {
            if (!double.IsFinite(modeScores[j]))
            {
                throw new ArgumentException($"modeScores holds {modeScores[j]} at index {j}; values must be finite.", nameof(modeScores));
            }
        }

        Occupancy.ThrowIfBadBudget(k, poolSize);
        int[] order = new int[modeSizes.Length];
        for (int j = 0; j < order.Length; j++)
        {
            order[j] = j;
        }

        double[] scores = modeScores.ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        long remaining = k;
        double covered = 0;
        int start = 0;
        while (start < order.Length && remaining > 0)
        {
            int end = start;
            long tierSize = 0;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                tierSize += modeSizes[order[end]];
                end++;
            }

            if (tierSize <= remaining)
            {
                covered += end - start;
                remaining -= tierSize;
            }
            else
            {
                for (int q = start; q < end; q++)
                {
                    covered += Occupancy.HitProbability(tierSize, modeSizes[order[q]], remaining);
                }

                remaining = 0;
            }

            start = end;
        }

        return covered;
    }
}
