namespace FastCoverage.Tests.Infrastructure;

/// <summary>Subsets of {0, …, n − 1} as bit masks, for brute-force references that enumerate every subset.</summary>
public static class Subsets
{
    /// <summary>The members of <paramref name="mask"/> among the first <paramref name="n"/> players, ascending.</summary>
    public static int[] Members(int mask, int n) => Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).ToArray();
}
