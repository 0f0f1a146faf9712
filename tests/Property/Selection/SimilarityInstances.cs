using CommunityToolkit.HighPerformance;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

/// <summary>A random similarity s (|U| × n, represented-major) in float for the library and in double for the references.</summary>
public sealed record SimilarityInstance(float[,] Single, double[,] Double, int Seed)
{
    public int Represented => Single.GetLength(0);

    public int Candidates => Single.GetLength(1);

    public ReadOnlyMemory2D<float> Memory => new(Single);

    public override string ToString() => $"{Represented}×{Candidates} seed {Seed}";
}

/// <summary>Generators of similarity instances and feature matrices for the selection properties.</summary>
public static class SimilarityInstances
{
    /// <summary>
    /// Instances with values in [0, 1): continuous (ties improbable), or quantized to quarters so that many gains tie
    /// and every float sum is exact (so the double references see the very same numbers).
    /// </summary>
    public static Gen<SimilarityInstance> Dense(bool quantized, int maxRepresented = 24, int maxCandidates = 24) =>
        from u in Gen.Choose(1, maxRepresented)
        from n in Gen.Choose(1, maxCandidates)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select Create(u, n, seed, quantized);

    public static SimilarityInstance Create(int represented, int candidates, int seed, bool quantized)
    {
        var random = new Random(seed);
        var single = new float[represented, candidates];
        var dbl = new double[represented, candidates];
        for (int i = 0; i < represented; i++)
        {
            for (int j = 0; j < candidates; j++)
            {
                float v = quantized ? random.Next(0, 5) * 0.25f : random.NextSingle();
                single[i, j] = v;
                dbl[i, j] = v;
            }
        }

        return new SimilarityInstance(single, dbl, seed);
    }

    /// <summary>Gaussian-blob features (n × d) with a few centres, as the benchmarks use.</summary>
    public static float[,] Blobs(int n, int d, int centres, int seed)
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
                x[i, t] = centre[c, t] + (0.5f * ((2f * random.NextSingle()) - 1f));
            }
        }

        return x;
    }
}
