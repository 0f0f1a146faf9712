using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Selection;

/// <summary>
/// Naive double-precision references for facility location over an explicit similarity s[i, j] (i represented,
/// j candidate): F by its definition, plain greedy, cost-benefit greedy with the single-element safeguard, and brute
/// force over all subsets.
/// </summary>
public static class FacilityLocationReference
{
    /// <summary>F(S) = Σᵢ max_{j∈S} s[i, j], 0 for the empty set.</summary>
    public static double Objective(double[,] s, IEnumerable<int> selection)
    {
        int[] chosen = selection.ToArray();
        double total = 0;
        for (int i = 0; i < s.GetLength(0); i++)
        {
            double best = 0;
            foreach (int j in chosen)
            {
                best = Math.Max(best, s[i, j]);
            }

            total += best;
        }

        return total;
    }

    /// <summary>Greedy by recomputing F(S ∪ {j}) − F(S) from scratch; ties by lowest index; optionally stops at zero gain.</summary>
    public static (List<int> Picks, List<double> Gains) Greedy(double[,] s, int k, IReadOnlyList<int>? initial = null, bool stopAtZeroGain = false)
    {
        var (picks, gains, _) = GreedyWithMargins(s, k, initial, stopAtZeroGain);
        return (picks, gains);
    }

    /// <summary>
    /// <see cref="Greedy"/>, also returning each step's margin: the best gain minus the runner-up's (∞ with one
    /// candidate). Where a margin is within float rounding, a float implementation may legitimately pick the runner-up.
    /// </summary>
    public static (List<int> Picks, List<double> Gains, List<double> Margins) GreedyWithMargins(double[,] s, int k, IReadOnlyList<int>? initial = null, bool stopAtZeroGain = false)
    {
        var selection = new List<int>(initial ?? []);
        var picks = new List<int>();
        var gains = new List<double>();
        var margins = new List<double>();
        while (picks.Count < k)
        {
            double before = Objective(s, selection);
            int best = -1;
            double bestGain = double.NegativeInfinity;
            double runnerUp = double.NegativeInfinity;
            for (int j = 0; j < s.GetLength(1); j++)
            {
                if (selection.Contains(j))
                {
                    continue;
                }

                double gain = Objective(s, selection.Append(j)) - before;
                if (gain > bestGain)
                {
                    runnerUp = bestGain;
                    best = j;
                    bestGain = gain;
                }
                else
                {
                    runnerUp = Math.Max(runnerUp, gain);
                }
            }

            if (best < 0 || (stopAtZeroGain && bestGain <= 0))
            {
                break;
            }

            selection.Add(best);
            picks.Add(best);
            gains.Add(bestGain);
            margins.Add(bestGain - runnerUp);
        }

        return (picks, gains, margins);
    }

    /// <summary>
    /// Asserts that <paramref name="actual"/> picks what the reference greedy picks, with gains within
    /// <paramref name="tolerance"/>, up to the first step whose margin is within the tolerance (a near-tie that float
    /// rounding may break either way); the number of steps compared is returned.
    /// </summary>
    public static int AssertSameUntilNearTie(double[,] s, int k, IReadOnlyList<int> actualPicks, IReadOnlyList<double> actualGains, double tolerance)
    {
        var (picks, gains, margins) = GreedyWithMargins(s, k);
        Assert.Equal(picks.Count, actualPicks.Count);
        int t = 0;
        for (; t < picks.Count && margins[t] > tolerance; t++)
        {
            Assert.True(picks[t] == actualPicks[t], $"step {t}: expected pick {picks[t]} (margin {margins[t]}), got {actualPicks[t]}");
            Assert.Equal(gains[t], actualGains[t], tolerance);
        }

        return t;
    }

    /// <summary>
    /// Cost-benefit greedy: largest gain/cost among candidates that fit the remaining budget, ties by lowest index,
    /// at most k picks; then the better of that and the best single affordable candidate.
    /// </summary>
    public static List<int> CostBenefitGreedy(double[,] s, double[] costs, double budget, int k)
    {
        var picks = new List<int>();
        double remaining = budget;
        while (picks.Count < k)
        {
            double before = Objective(s, picks);
            int best = -1;
            double bestRatio = double.NegativeInfinity;
            for (int j = 0; j < s.GetLength(1); j++)
            {
                if (picks.Contains(j) || costs[j] > remaining)
                {
                    continue;
                }

                double ratio = (Objective(s, picks.Append(j)) - before) / costs[j];
                if (ratio > bestRatio)
                {
                    best = j;
                    bestRatio = ratio;
                }
            }

            if (best < 0)
            {
                break;
            }

            picks.Add(best);
            remaining -= costs[best];
        }

        int single = -1;
        double singleValue = double.NegativeInfinity;
        for (int j = 0; j < s.GetLength(1); j++)
        {
            double value = Objective(s, [j]);
            if (costs[j] <= budget && value > singleValue)
            {
                single = j;
                singleValue = value;
            }
        }

        return single >= 0 && singleValue > Objective(s, picks) ? [single] : picks;
    }

    /// <summary>The largest F(S) over all S with |S| ≤ k and Σ cost ≤ budget, by enumerating every subset.</summary>
    public static double BruteForceOptimum(double[,] s, int k, double[]? costs = null, double budget = double.PositiveInfinity)
    {
        int n = s.GetLength(1);
        double best = 0;
        for (int mask = 0; mask < (1 << n); mask++)
        {
            var subset = Subsets.Members(mask, n);
            if (subset.Length > k || (costs is not null && subset.Sum(j => costs[j]) > budget))
            {
                continue;
            }

            best = Math.Max(best, Objective(s, subset));
        }

        return best;
    }

    /// <summary>Keeps, in each row i, the entries of the <paramref name="neighbors"/> largest s[i, j] over j ≠ i (ties by lowest j) and s[i, i]; zeroes the rest.</summary>
    public static double[,] NearestNeighborTruncation(double[,] s, int neighbors)
    {
        int n = s.GetLength(0);
        var kept = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            var order = Enumerable.Range(0, n).Where(j => j != i).OrderByDescending(j => s[i, j]).ThenBy(j => j).Take(neighbors);
            foreach (int j in order.Append(i))
            {
                kept[i, j] = s[i, j];
            }
        }

        return kept;
    }
}
