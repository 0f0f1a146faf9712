namespace FastCoverage.Tests.Infrastructure;

/// <summary>Naive, obviously-correct double-precision references for the code under test.</summary>
public static class Reference
{
    /// <summary>Random matrix with entries uniform in [−1, 1) (row-major float32, n×d).</summary>
    public static float[,] RandomMatrix(int n, int d, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var m = new float[n, d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                m[i, j] = scale * ((2f * random.NextSingle()) - 1f);
            }
        }

        return m;
    }

    /// <summary>
    /// Matrix with integer entries uniform in [<paramref name="low"/>, <paramref name="highExclusive"/>): float distances
    /// and dot products on it are exact, so ties are real ties.
    /// </summary>
    public static float[,] IntegerGrid(int n, int d, int low, int highExclusive, Random random)
    {
        var m = new float[n, d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                m[i, j] = random.Next(low, highExclusive);
            }
        }

        return m;
    }

    /// <summary>⟨xᵢ, yⱼ⟩ in double precision.</summary>
    public static double Dot(float[,] x, int i, float[,] y, int j)
    {
        double s = 0;
        for (int c = 0; c < x.GetLength(1); c++)
        {
            s += (double)x[i, c] * y[j, c];
        }

        return s;
    }

    /// <summary>‖xᵢ − yⱼ‖² by direct differences in double precision.</summary>
    public static double SquaredDistance(float[,] x, int i, float[,] y, int j)
    {
        double s = 0;
        for (int c = 0; c < x.GetLength(1); c++)
        {
            double diff = (double)x[i, c] - y[j, c];
            s += diff * diff;
        }

        return s;
    }
}
