namespace FastCoverage.Bench;

/// <summary>The selection benchmarks' data: Gaussian blobs around 50 centres, float32, row-major.</summary>
internal static class SelectionBlobs
{
    /// <summary>n points in d dimensions: centres uniform in [−3, 3)^d, each point a centre plus Gaussian noise of σ = 1.</summary>
    public static float[,] Create(int n, int d, int seed, int centres = 50)
    {
        var random = new Random(seed);
        var centre = new float[centres, d];
        for (int c = 0; c < centres; c++)
        {
            for (int t = 0; t < d; t++)
            {
                centre[c, t] = 3f * ((2f * random.NextSingle()) - 1f);
            }
        }

        var x = new float[n, d];
        for (int i = 0; i < n; i++)
        {
            int c = random.Next(centres);
            for (int t = 0; t < d; t++)
            {
                // Box–Muller.
                double u1 = 1.0 - random.NextDouble();
                double u2 = random.NextDouble();
                x[i, t] = centre[c, t] + (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
            }
        }

        return x;
    }
}
