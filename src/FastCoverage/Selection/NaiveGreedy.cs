namespace FastCoverage.Selection;

/// <summary>
/// Naive greedy (Nemhauser, Wolsey and Fisher 1978): at every step evaluate every remaining candidate's gain
/// Σᵢ max(sᵢⱼ − curᵢ, 0) and take the largest (or the largest gain/cost), ties by lowest index.
/// (1 − 1/e)-optimal for monotone submodular F such as facility location; O(k·n·|U|) gain work.
/// </summary>
internal static class NaiveGreedy
{
    public static void Run(GreedyState state, bool stopAtZeroGain)
    {
        var remaining = new List<int>(state.RemainingCandidates());
        float[] gains = new float[remaining.Count];
        while (!state.Done)
        {
            remaining.RemoveAll(j => !state.Fits(j));
            if (remaining.Count == 0)
            {
                return;
            }

            Span<float> stepGains = gains.AsSpan(0, remaining.Count);
            state.Source.Gains(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(remaining), state.Coverage, stepGains, state.MaxDegreeOfParallelism);
            int best = 0;
            double bestScore = state.Score(remaining[0], stepGains[0]);
            for (int t = 1; t < remaining.Count; t++)
            {
                double score = state.Score(remaining[t], stepGains[t]);
                if (score > bestScore)
                {
                    best = t;
                    bestScore = score;
                }
            }

            if (stopAtZeroGain && stepGains[best] <= 0f)
            {
                return;
            }

            state.Add(remaining[best], stepGains[best]);
            remaining.RemoveAt(best);
        }
    }
}
