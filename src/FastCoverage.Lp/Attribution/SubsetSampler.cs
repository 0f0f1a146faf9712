namespace FastCoverage.Lp.Attribution;

/// <summary>
/// Draws the r-th MSR subset: each train point is included independently with probability p, from a SplitMix64
/// stream seeded by (seed, r) alone, so subset r is the same whatever thread draws it and in whatever order.
/// </summary>
internal static class SubsetSampler
{
    /// <summary>Writes the ascending indices of subset <paramref name="subsetIndex"/> into <paramref name="destination"/>; returns their count.</summary>
    public static int Draw(int trainCount, double probability, long seed, int subsetIndex, Span<int> destination)
    {
        ulong state = Mix((ulong)seed ^ Mix(0x9E3779B97F4A7C15UL * (ulong)(subsetIndex + 1)));
        // Compare the top 53 bits of each draw with p · 2⁵³: inclusion with probability p up to 2⁻⁵³.
        ulong threshold = (ulong)(probability * (1UL << 53));
        int count = 0;
        for (int i = 0; i < trainCount; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            if ((Mix(state) >> 11) < threshold)
            {
                destination[count++] = i;
            }
        }

        return count;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
