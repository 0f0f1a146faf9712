namespace FastCoverage.Selection;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state advanced by the golden-ratio increment and
/// finalised by the MurmurHash3-style mixer. Tiny, fast, and fixed forever, so a seed names one stream on
/// every platform and .NET version (unlike <see cref="System.Random"/>, whose algorithm is unspecified).
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>) by Lemire's multiply-and-reject method (2019):
    /// the high 32 bits of a 32×32 product, rejecting the 2³² mod bound low values that would bias it.
    /// </summary>
    public int NextInt(int bound)
    {
        uint n = (uint)bound;
        ulong m = (NextUInt64() >> 32) * n;
        uint low = (uint)m;
        if (low < n)
        {
            uint threshold = (0u - n) % n;
            while (low < threshold)
            {
                m = (NextUInt64() >> 32) * n;
                low = (uint)m;
            }
        }

        return (int)(m >> 32);
    }
}
