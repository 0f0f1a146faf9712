namespace FastCoverage.Theory;

/// <summary>
/// Majorization of per-mode selection counts (coverage-view paper, Appendix D; Marshall, Olkin &amp; Arnold 2011):
/// x ≻ y, Robin-Hood transfers (T-transforms), the empty-mode count E(s) = #{j : s_j = 0}, and a checker that a
/// function of count vectors is Schur-convex on a set of points, by transfers.
/// </summary>
public static class Majorization
{
    /// <summary>
    /// Whether x majorizes y (x ≻ y): equal totals, and every partial sum of x sorted in decreasing order is at least the
    /// matching partial sum of y sorted in decreasing order.
    /// </summary>
    /// <param name="x">a count vector.</param>
    /// <param name="y">a count vector of the same length.</param>
    public static bool Majorizes(ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"x has {x.Length} entries but y has {y.Length}.", nameof(y));
        }

        int[] xs = SortedDescending(x), ys = SortedDescending(y);
        long xSum = 0, ySum = 0;
        bool dominates = true;
        for (int i = 0; i < xs.Length; i++)
        {
            xSum += xs[i];
            ySum += ys[i];
            dominates &= xSum >= ySum;
        }

        return dominates && xSum == ySum;
    }

    /// <summary>
    /// The Robin-Hood transfer (T-transform) that moves <paramref name="amount"/> units from a richer coordinate to a
    /// poorer one: 0 ≤ amount ≤ s_from − s_to, so the result is majorized by <paramref name="counts"/>.
    /// </summary>
    /// <param name="counts">the count vector s.</param>
    /// <param name="from">the richer coordinate.</param>
    /// <param name="to">the poorer coordinate (s_to ≤ s_from).</param>
    /// <param name="amount">units moved, in [0, s_from − s_to].</param>
    /// <returns>a new vector; <paramref name="counts"/> is not modified.</returns>
    public static int[] RobinHoodTransfer(ReadOnlySpan<int> counts, int from, int to, int amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, counts.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(to, counts.Length);
        if (amount < 0 || amount > counts[from] - counts[to])
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"A Robin-Hood transfer moves between 0 and s_from − s_to = {counts[from] - counts[to]} units.");
        }

        int[] result = counts.ToArray();
        result[from] -= amount;
        result[to] += amount;
        return result;
    }

    /// <summary>The empty-mode count E(s) = #{j : s_j = 0} (Appendix D), a Schur-convex function of the counts.</summary>
    /// <param name="counts">per-mode selection counts s_j ≥ 0.</param>
    public static int EmptyModeCount(ReadOnlySpan<int> counts)
    {
        int empty = 0;
        foreach (int s in counts)
        {
            empty += s == 0 ? 1 : 0;
        }

        return empty;
    }

    /// <summary>
    /// Looks for a violation of Schur-convexity of <paramref name="function"/> at the given points: for every point s,
    /// every ordered pair with s_a &gt; s_b and every transfer amount 1..s_a − s_b, a Schur-convex f has
    /// f(T s) ≤ f(s) (T s ≺ s). Returns the first violation found (points in order, then pairs, then amounts), or null.
    /// </summary>
    /// <param name="function">f on count vectors.</param>
    /// <param name="points">the count vectors to check.</param>
    /// <param name="tolerance">slack allowed for rounding in f (≥ 0).</param>
    public static SchurViolation? FindSchurViolation(Func<int[], double> function, IEnumerable<int[]> points, double tolerance = 0.0)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        foreach (int[] point in points)
        {
            double before = function(point);
            for (int a = 0; a < point.Length; a++)
            {
                for (int b = 0; b < point.Length; b++)
                {
                    for (int amount = 1; amount <= point[a] - point[b]; amount++)
                    {
                        int[] after = RobinHoodTransfer(point, a, b, amount);
                        double value = function(after);
                        if (value > before + tolerance)
                        {
                            return new SchurViolation(point, after, before, value);
                        }
                    }
                }
            }
        }

        return null;
    }

    private static int[] SortedDescending(ReadOnlySpan<int> values)
    {
        int[] sorted = values.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        return sorted;
    }
}
