using System.Runtime.CompilerServices;

namespace FastCoverage.Selection;

/// <summary>
/// Lazy greedy (Minoux 1978): by submodularity a candidate's gain only shrinks as S grows, so a gain evaluated at an
/// earlier step is an upper bound. Candidates wait in a priority queue ordered by (bound descending, index ascending);
/// the top is re-evaluated if stale and taken if fresh. A fresh top beats every other candidate's bound, and a
/// candidate with an equal gain and a lower index would sit above it, so the picks are exactly naive greedy's.
/// </summary>
/// <remarks>
/// Exactness in floating point: the gain kernel sums nonnegative terms max(sᵢⱼ − curᵢ, 0) in a fixed order, each term
/// and every rounded partial sum are monotone in cur, so computed gains never increase either. When the source prefers
/// it (streamed columns), several stale entries from the top are re-evaluated at once on different threads; extra
/// re-evaluations only tighten bounds, so the picks do not change. With <c>maxBatch</c> above <c>batch</c> the first
/// batch of each pick is sized like the previous pick's re-evaluation count (at most <c>maxBatch</c>): consecutive picks
/// need about as many re-evaluations, so most picks cost one parallel call instead of one per <c>batch</c> entries.
/// A source that can bound gains cheaply (<see cref="IGainBoundSource"/>) may answer a stale entry's re-evaluation with
/// an upper bound: the entry is then ordered by the bound, and only if it reaches the top again in the same step is its
/// gain computed. A bound is at least the gain, so the argument above holds unchanged.
/// </remarks>
internal static class LazyGreedy
{
    /// <param name="state">The greedy state.</param>
    /// <param name="stopAtZeroGain">Stop once the best gain is 0.</param>
    /// <param name="batch">How many stale entries to re-evaluate at once.</param>
    /// <param name="maxBatch">
    /// The most stale entries the first batch of a pick re-evaluates when sized after the previous pick (≥ <paramref name="batch"/>;
    /// equal to it for fixed batches).
    /// </param>
    /// <param name="gainsAtZeroCoverage">
    /// Every candidate's gain against zero coverage, already computed by the source's gain function (the dense path fuses
    /// it with input validation); only valid without an initial subset. <see langword="null"/> to compute the first pass here.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(GreedyState state, bool stopAtZeroGain, int batch, int maxBatch, float[]? gainsAtZeroCoverage = null)
    {
        maxBatch = Math.Max(batch, maxBatch);
        int[] candidates = state.RemainingCandidates();
        float[] gain = new float[state.InSelection.Length];
        int[] evaluatedAtStep = new int[state.InSelection.Length];
        var bounding = state.Source as IGainBoundSource;
        // Whether gain[j] is only an upper bound (from a bounding source's re-evaluation in step evaluatedAtStep[j]).
        bool[] isBound = new bool[state.InSelection.Length];
        float usefulBelow = float.PositiveInfinity;
        float[] initial;
        if (gainsAtZeroCoverage is not null && candidates.Length == state.InSelection.Length)
        {
            initial = gainsAtZeroCoverage;
        }
        else
        {
            initial = new float[candidates.Length];
            state.Source.Gains(candidates, state.Coverage, initial, state.MaxDegreeOfParallelism);
        }

        // Every priority is distinct (the index breaks ties), so building the heap at once (O(n)) dequeues in the same
        // order as n single insertions.
        var entries = new (int Index, double Score)[candidates.Length];
        for (int t = 0; t < candidates.Length; t++)
        {
            int j = candidates[t];
            gain[j] = initial[t];
            entries[t] = (j, state.Score(j, initial[t]));
        }

        var queue = new LazyQueue(entries);

        int step = 0;
        int batchesThisPick = 0;
        int neededLastPick = 0;
        var boundsThisPick = new List<double>();
        var stale = new List<int>(maxBatch);
        var fresh = new List<int>(maxBatch);
        var exact = new List<int>(maxBatch);
        float[] batchGains = new float[maxBatch];
        while (!state.Done)
        {
            if (!queue.TryPeek(out int top, out _))
            {
                return;
            }

            if (!state.Fits(top))
            {
                queue.Dequeue();
                continue;
            }

            if (evaluatedAtStep[top] == step && !isBound[top])
            {
                queue.Dequeue();
                if (stopAtZeroGain && gain[top] <= 0f)
                {
                    return;
                }

                state.Add(top, gain[top]);
                step++;
                // Gains only shrink, so no later step's best gain exceeds this one: a bound at or above it is no use. (With
                // costs the queue orders by gain/cost, so no such limit in gain units.)
                usefulBelow = state.IsCostAware ? float.PositiveInfinity : gain[top];
                double won = state.Score(top, gain[top]);
                neededLastPick = 0;
                foreach (double bound in boundsThisPick)
                {
                    neededLastPick += bound >= won ? 1 : 0;
                }

                boundsThisPick.Clear();
                batchesThisPick = 0;
                continue;
            }

            // Re-evaluate the stale top, and with batch > 1 the next stale entries too; entries bounded in this step get
            // their gains.
            stale.Clear();
            fresh.Clear();
            exact.Clear();
            int size = Math.Min(maxBatch, Math.Clamp(neededLastPick, batch, maxBatch) << Math.Min(batchesThisPick, 16));
            batchesThisPick++;
            while (stale.Count + exact.Count < size && queue.TryPeek(out int next, out double bound))
            {
                queue.Dequeue();
                if (!state.Fits(next))
                {
                    continue;
                }

                if (evaluatedAtStep[next] == step)
                {
                    if (!isBound[next])
                    {
                        fresh.Add(next);
                        break;
                    }

                    exact.Add(next);
                    continue;
                }

                stale.Add(next);
                boundsThisPick.Add(bound);
            }

            Span<float> batchSpan = batchGains.AsSpan(0, stale.Count);
            if (bounding is null)
            {
                state.Source.Gains(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stale), state.Coverage, batchSpan, state.MaxDegreeOfParallelism);
            }
            else
            {
                bounding.GainsOrBounds(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stale), state.Coverage, batchSpan, isBound, state.MaxDegreeOfParallelism, usefulBelow);
            }

            for (int t = 0; t < stale.Count; t++)
            {
                int j = stale[t];
                // A bound looser than the stale gain (itself an upper bound, gains only shrink) is no use.
                gain[j] = isBound[j] ? Math.Min(batchSpan[t], gain[j]) : batchSpan[t];
                evaluatedAtStep[j] = step;
                queue.Enqueue(j, state.Score(j, gain[j]));
            }

            if (exact.Count > 0)
            {
                Span<float> exactSpan = batchGains.AsSpan(0, exact.Count);
                state.Source.Gains(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(exact), state.Coverage, exactSpan, state.MaxDegreeOfParallelism);
                for (int t = 0; t < exact.Count; t++)
                {
                    int j = exact[t];
                    gain[j] = exactSpan[t];
                    isBound[j] = false;
                    queue.Enqueue(j, state.Score(j, gain[j]));
                }
            }

            foreach (int j in fresh)
            {
                queue.Enqueue(j, state.Score(j, gain[j]));
            }
        }
    }
}
