using System.Numerics;

namespace FastCoverage.Tests.Theory;

/// <summary>
/// Independent references for the theory module: exact big-integer binomials and rationals, brute-force subset and
/// permutation enumeration, and the latent-mode risk recomputed from its definition (coverage-view paper, eq. 3).
/// </summary>
public static class TheoryReference
{
    /// <summary>C(n, k) exactly (0 when k &lt; 0 or k &gt; n).</summary>
    public static BigInteger Binomial(long n, long k)
    {
        if (k < 0 || k > n)
        {
            return BigInteger.Zero;
        }

        k = Math.Min(k, n - k);
        BigInteger result = BigInteger.One;
        for (long i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    /// <summary>The double nearest (to within one ulp) the rational p/q, p ≥ 0, q &gt; 0.</summary>
    public static double ToDouble(BigInteger p, BigInteger q)
    {
        if (p.IsZero)
        {
            return 0.0;
        }

        long shift = 64 - ((long)p.GetBitLength() - (long)q.GetBitLength());
        BigInteger quotient = shift >= 0 ? (p << (int)shift) / q : p / (q << (int)-shift);
        return Math.ScaleB((double)quotient, (int)-shift);
    }

    /// <summary>Modes covered by <paramref name="selected"/>: distinct labels among the selected points.</summary>
    public static int CoveredModes(IEnumerable<int> selected, IReadOnlyList<int> modeOf) =>
        selected.Select(i => modeOf[i]).Distinct().Count();

    /// <summary>R(S) = Σ_{j uncovered} ρ_j straight from eq. 3.</summary>
    public static double LatentRisk(IEnumerable<int> selected, IReadOnlyList<int> modeOf, IReadOnlyList<double> costs)
    {
        var covered = new HashSet<int>(selected.Select(i => modeOf[i]));
        double risk = 0;
        for (int j = 0; j < costs.Count; j++)
        {
            if (!covered.Contains(j))
            {
                risk += costs[j];
            }
        }

        return risk;
    }

    /// <summary>Every k-subset of {0..n−1} in lexicographic order.</summary>
    public static IEnumerable<int[]> Subsets(int n, int k)
    {
        var current = new int[k];
        for (int i = 0; i < k; i++)
        {
            current[i] = i;
        }

        while (true)
        {
            yield return (int[])current.Clone();
            int pos = k - 1;
            while (pos >= 0 && current[pos] == n - k + pos)
            {
                pos--;
            }

            if (pos < 0)
            {
                yield break;
            }

            current[pos]++;
            for (int i = pos + 1; i < k; i++)
            {
                current[i] = current[i - 1] + 1;
            }
        }
    }

    /// <summary>Every permutation of {0..n−1} (Heap's algorithm).</summary>
    public static IEnumerable<int[]> Permutations(int n)
    {
        var a = Enumerable.Range(0, n).ToArray();
        var c = new int[n];
        yield return (int[])a.Clone();
        int i = 0;
        while (i < n)
        {
            if (c[i] < i)
            {
                int swap = i % 2 == 0 ? 0 : c[i];
                (a[swap], a[i]) = (a[i], a[swap]);
                yield return (int[])a.Clone();
                c[i]++;
                i = 0;
            }
            else
            {
                c[i] = 0;
                i++;
            }
        }
    }

    /// <summary>Mode label of each point when modes of the given sizes are laid out contiguously.</summary>
    public static int[] ContiguousModes(IReadOnlyList<int> sizes)
    {
        var modeOf = new List<int>();
        for (int j = 0; j < sizes.Count; j++)
        {
            modeOf.AddRange(Enumerable.Repeat(j, sizes[j]));
        }

        return modeOf.ToArray();
    }

    /// <summary>Hoeffding half-width for the mean of <paramref name="samples"/> values in a range of width <paramref name="range"/>, failure probability α.</summary>
    public static double HoeffdingHalfWidth(double range, int samples, double alpha) =>
        range * Math.Sqrt(Math.Log(2.0 / alpha) / (2.0 * samples));
}
