using CommunityToolkit.HighPerformance;

namespace FastCoverage.Tests.Lp;

/// <summary>
/// A latent-mode classification set: K well-separated modes (centres 10·e_k in d = K + 2 dimensions, noise ±0.5),
/// each mode its own class; point i belongs to mode i mod K.
/// </summary>
public static class LatentModeData
{
    public static (Memory2D<float> X, int[] Labels) Create(int count, int modes, int seed)
    {
        var random = new Random(seed);
        int d = modes + 2;
        var x = new float[count, d];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int mode = i % modes;
            labels[i] = mode;
            for (int c = 0; c < d; c++)
            {
                x[i, c] = (c == mode ? 10f : 0f) + (random.NextSingle() - 0.5f);
            }
        }

        return (new Memory2D<float>(x), labels);
    }
}
