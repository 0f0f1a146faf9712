namespace FastCoverage.Bench;

/// <summary>Benchmark data: Gaussian blobs as in scikit-learn's make_blobs (centres uniform in [−10, 10]^d, σ = 1).</summary>
internal static class BenchData
{
    public static float[,] GaussianBlobs(int n, int d, int centres, int seed)
    {
        var random = new Random(seed);
        var mu = new float[centres, d];
        for (int c = 0; c < centres; c++)
        {
            for (int j = 0; j < d; j++)
            {
                mu[c, j] = (20f * random.NextSingle()) - 10f;
            }
        }

        var x = new float[n, d];
        for (int i = 0; i < n; i++)
        {
            int c = random.Next(centres);
            for (int j = 0; j < d; j++)
            {
                // Box–Muller.
                double u1 = 1.0 - random.NextDouble();
                double u2 = random.NextDouble();
                x[i, j] = mu[c, j] + (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
            }
        }

        return x;
    }
}
