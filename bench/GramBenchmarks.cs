using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Bench;

/// <summary>Placeholder replaced below.</summary>
public class GramBenchmarks
{
    /// <summary>Random row-major matrix, entries uniform in [−1, 1).</summary>
    internal static float[] RandomMatrix(int n, int d, int seed)
    {
        var random = new Random(seed);
        var m = new float[n * d];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = (2f * random.NextSingle()) - 1f;
        }

        return m;
    }
}
