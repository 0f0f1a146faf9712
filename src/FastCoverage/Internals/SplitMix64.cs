namespace FastCoverage;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state advanced by the golden-ratio increment and
/// finalised by the MurmurHash3-style mixer. Tiny, fast, and fixed forever, so a seed names one stream on
/// every platform and .NET version (unlike <see cref="System.Random"/>, whose algorithm is unspecified).
/// The library's one generator: <see cref="SplitMix64(ulong)"/> for a single stream, <see cref="ForStream"/>
/// for independent per-sample streams whose output depends only on (seed, index), never on the thread count.
/// </summary>
internal struct SplitMix64
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    /// <summary>The stream named by <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>
    /// Stream number <paramref name="streamIndex"/> of <paramref name="seed"/>: both are mixed before combining,
    /// so neighbouring seeds or indices give unrelated streams.
    /// </summary>
    public static SplitMix64 ForStream(ulong seed, long streamIndex) =>
        new(Mix(seed + GoldenGamma) ^ Mix(unchecked((ulong)streamIndex) + 0xD1B54A32D192ED03UL));

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        _state += GoldenGamma;
        return Mix(_state);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>) for 0 &lt; bound ≤ int.MaxValue by Lemire's
    /// multiply-and-reject method (2019): the high 32 bits of a 32×32 product, rejecting the 2³² mod bound
    /// low values that would bias it. Exactly uniform.
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

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fills <paramref name="items"/> with 0 … n − 1 in uniformly random order (Fisher–Yates).</summary>
    public void Permutation(Span<int> items)
    {
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = i;
        }

        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Partial Fisher–Yates: step t &lt; <paramref name="count"/> swaps position t with a uniform position in
    /// [t, items.Length), so items[0 .. count) becomes a uniform ordered sample without replacement of the
    /// span's values (the rest holds the others in some order).
    /// </summary>
    public void ShufflePrefix(Span<int> items, int count)
    {
        for (int t = 0; t < count; t++)
        {
            int j = t + NextInt(items.Length - t);
            (items[t], items[j]) = (items[j], items[t]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
