namespace FastCoverage.Lp.Attribution;

/// <summary>
/// Draws the r-th MSR subset: each train point is included independently with probability p, from the library's
/// SplitMix64 stream for (seed, r) alone, so subset r is the same whatever thread draws it and in whatever order.
/// </summary>
internal static class SubsetSampler
{
    /// <summary>Writes the ascending indices of subset <paramref name="subsetIndex"/> into <paramref name="destination"/>; returns their count.</summary>
    public static int Draw(int trainCount, double probability, long seed, int subsetIndex, Span<int> destination)
    {
        var random = SplitMix64.ForStream((ulong)seed, subsetIndex);
        // Compare the top 53 bits of each draw with p · 2⁵³: inclusion with probability p up to 2⁻⁵³.
        ulong threshold = (ulong)(probability * (1UL << 53));
        int count = 0;
        for (int i = 0; i < trainCount; i++)
        {
            if ((random.NextUInt64() >> 11) < threshold)
            {
                destination[count++] = i;
            }
        }

        return count;
    }
}
