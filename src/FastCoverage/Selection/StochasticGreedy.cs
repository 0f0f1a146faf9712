namespace FastCoverage.Selection;

/// <summary>
/// Stochastic greedy (Mirzasoleiman et al. 2015, "Lazier than lazy greedy"): each step draws a uniform sample of
/// s = ⌈(n/k)·ln(1/ε)⌉ remaining candidates (without replacement, from a seeded generator) and takes the sample's
/// largest gain, ties by lowest index. (1 − 1/e − ε)-optimal in expectation with O(n·ln(1/ε)·|U|) gain work in total.
/// When s covers all remaining candidates every step (ε → 0), the picks are exactly naive greedy's.
/// </summary>
internal static class StochasticGreedy
{
    public static int SampleSize(int candidateCount, int k, double epsilon) =>
        (int)Math.Min(candidateCount, Math.Max(1.0, Math.Ceiling((double)candidateCount / Math.Max(k, 1) * Math.Log(1.0 / epsilon))));

    public static void Run(GreedyState state, int k, bool stopAtZeroGain, double epsilon, int seed)
    {
        int[] remaining = state.RemainingCandidates();
        int count = remaining.Length;
        int sampleSize = SampleSize(state.InSelection.Length, k, epsilon);
        float[] gains = new float[Math.Min(sampleSize, count)];
        var random = new SplitMix64(unchecked((ulong)seed));
        while (!state.Done && count > 0)
        {
            int s = Math.Min(sampleSize, count);
            random.ShufflePrefix(remaining.AsSpan(0, count), s);

            Span<float> sampleGains = gains.AsSpan(0, s);
            state.Source.Gains(remaining.AsSpan(0, s), state.Coverage, sampleGains, state.MaxDegreeOfParallelism);
            int best = 0;
            for (int t = 1; t < s; t++)
            {
                if (sampleGains[t] > sampleGains[best] || (sampleGains[t] == sampleGains[best] && remaining[t] < remaining[best]))
                {
                    best = t;
                }
            }

            if (stopAtZeroGain && sampleGains[best] <= 0f)
            {
                return;
            }

            state.Add(remaining[best], sampleGains[best]);
            remaining[best] = remaining[count - 1];
            count--;
        }
    }
}
