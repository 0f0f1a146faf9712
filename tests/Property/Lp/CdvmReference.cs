using CommunityToolkit.HighPerformance;
using FastCoverage.Lp;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Lp;

/// <summary>Independent double-precision references for the CDVM objective (paper §3) and random instances.</summary>
public static class CdvmReference
{
    /// <summary>A random n × m attribution matrix in [−1, 1) with about <paramref name="density"/> of entries nonzero.</summary>
    public static float[,] RandomAttribution(int n, int m, double density, int seed)
    {
        float[,] t = Reference.RandomMatrix(n, m, seed);
        var random = new Random(seed ^ 0x5bd1e995);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                if (random.NextDouble() >= density)
                {
                    t[i, j] = 0f;
                }
            }
        }

        return t;
    }

    /// <summary>CSR of a dense array.</summary>
    public static CsrMatrix Csr(float[,] t) => CsrMatrix.FromDense(new ReadOnlySpan2D<float>(t));

    /// <summary>vⱼ = Σᵢ Tᵢⱼ wᵢ.</summary>
    public static double[] Utility(float[,] t, ReadOnlySpan<double> w)
    {
        int n = t.GetLength(0);
        int m = t.GetLength(1);
        var v = new double[m];
        for (int j = 0; j < m; j++)
        {
            for (int i = 0; i < n; i++)
            {
                v[j] += t[i, j] * w[i];
            }
        }

        return v;
    }

    /// <summary>α Σⱼ vⱼ − (1 − α) Σⱼ max(0, vⱼ − κ): the CDVM objective with the slack at its optimum for w.</summary>
    public static double Objective(float[,] t, ReadOnlySpan<double> w, double alpha, double kappa)
    {
        double total = 0;
        double excess = 0;
        foreach (double vj in Utility(t, w))
        {
            total += vj;
            excess += Math.Max(0, vj - kappa);
        }

        return (alpha * total) - ((1 - alpha) * excess);
    }

    /// <summary>The best objective over every 0/1 selection of exactly <paramref name="keep"/> rows (brute force).</summary>
    public static double BestIntegralObjective(float[,] t, int keep, double alpha, double kappa)
    {
        int n = t.GetLength(0);
        double best = double.NegativeInfinity;
        var w = new double[n];
        for (int mask = 0; mask < 1 << n; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != keep)
            {
                continue;
            }

            for (int i = 0; i < n; i++)
            {
                w[i] = (mask >> i) & 1;
            }

            best = Math.Max(best, Objective(t, w, alpha, kappa));
        }

        return best;
    }

    /// <summary>Sum of the <paramref name="keep"/> largest row sums of T (the α = 1 optimum).</summary>
    public static double SumOfLargestRowSums(float[,] t, int keep)
    {
        int n = t.GetLength(0);
        var sums = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < t.GetLength(1); j++)
            {
                sums[i] += t[i, j];
            }
        }

        return sums.OrderByDescending(s => s).Take(keep).Sum();
    }
}
