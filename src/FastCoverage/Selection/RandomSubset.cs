namespace FastCoverage.Selection;

/// <summary>
/// A uniformly random k-subset of {0, …, n − 1}: the random baseline of the coverage paper's experiments.
/// </summary>
public static class RandomSubset
{
    /// <summary>
    /// Draws k distinct indices by a partial Fisher–Yates shuffle of 0..n−1 driven by SplitMix64 (Steele et al., 2014)
    /// with Lemire's unbiased bounded draw: step t swaps position t with a uniform position in [t, n). Every ordered
    /// k-subset is equally likely; the same (n, k, seed) always gives the same result. Cost O(n) time and memory.
    /// </summary>
    /// <param name="n">Size of the pool, n ≥ 0.</param>
    /// <param name="k">How many to draw, 0 ≤ k ≤ n.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>k distinct indices in draw order.</returns>
    /// <exception cref="ArgumentException">n &lt; 0 or k is out of range.</exception>
    public static int[] Select(int n, int k, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (k < 0 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, n] = [0, {n}].");
        }

        int[] pool = new int[n];
        for (int i = 0; i < n; i++)
        {
            pool[i] = i;
        }

        new SplitMix64(seed).ShufflePrefix(pool, k);

        return pool[..k];
    }
}
