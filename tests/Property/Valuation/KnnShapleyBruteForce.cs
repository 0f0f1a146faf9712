using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Valuation;

/// <summary>
/// The KNN utilities written from their definitions and their exact Shapley values by enumerating all 2ⁿ coalitions:
/// φ_i = Σ_{S ⊆ D∖{i}} |S|!(n − |S| − 1)!/n! · (U(S ∪ {i}) − U(S)), with U averaged over validation points.
/// </summary>
internal static class KnnShapleyBruteForce
{
    /// <summary>Exact Shapley values of the averaged classification utility (1/K)·#{label matches among the K nearest of S}.</summary>
    public static double[] Classification(float[,] train, int[] labels, float[,] valid, int[] validLabels, int k) =>
        Shapley(train, valid, k, (nearest, v) => nearest.Count(j => labels[j] == validLabels[v]) / (double)k);

    /// <summary>Exact Shapley values of the averaged regression utility −((1/K)·Σ_{K nearest of S} y_j − y_v)².</summary>
    public static double[] Regression(float[,] train, float[] targets, float[,] valid, float[] validTargets, int k) =>
        Shapley(train, valid, k, (nearest, v) =>
        {
            double mean = nearest.Sum(j => (double)targets[j]) / k;
            double error = mean - validTargets[v];
            return -error * error;
        });

    /// <summary>The utility of a coalition averaged over validation points: the K nearest members by (distance, index).</summary>
    public static double Utility(float[,] train, float[,] valid, int k, int mask, Func<int[], int, double> utilityOfNearest)
    {
        int n = train.GetLength(0), m = valid.GetLength(0);
        double total = 0;
        for (int v = 0; v < m; v++)
        {
            int[] nearest = Subsets.Members(mask, n)
                .OrderBy(j => Reference.SquaredDistance(valid, v, train, j))
                .ThenBy(j => j)
                .Take(k)
                .ToArray();
            total += utilityOfNearest(nearest, v);
        }

        return total / m;
    }

    private static double[] Shapley(float[,] train, float[,] valid, int k, Func<int[], int, double> utilityOfNearest)
    {
        int n = train.GetLength(0);
        var utility = new double[1 << n];
        for (int mask = 0; mask < utility.Length; mask++)
        {
            utility[mask] = Utility(train, valid, k, mask, utilityOfNearest);
        }

        var factorial = new double[n + 1];
        factorial[0] = 1;
        for (int i = 1; i <= n; i++)
        {
            factorial[i] = factorial[i - 1] * i;
        }

        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int mask = 0; mask < utility.Length; mask++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    continue;
                }

                int size = System.Numerics.BitOperations.PopCount((uint)mask);
                double weight = factorial[size] * factorial[n - size - 1] / factorial[n];
                values[i] += weight * (utility[mask | (1 << i)] - utility[mask]);
            }
        }

        return values;
    }
}
