namespace FastCoverage.Valuation.Sampling;

/// <summary>
/// SplitMix64 stream derived from (seed, sample index): every sample draws from its own generator, so a sample's
/// permutation or subset depends only on the seed and its index — never on which thread computes it.
/// </summary>
internal struct SampleRandom
{
    private ulong _state;

    public SampleRandom(ulong seed, long sampleIndex)
    {
        _state = Mix(seed + 0x9E3779B97F4A7C15UL) ^ Mix((ulong)sampleIndex + 0xD1B54A32D192ED03UL);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform integer in [0, bound) by the multiply-high method (bias below 2⁻³²).</summary>
    public int NextInt(int bound) => (int)Math.BigMul(NextUInt64(), (ulong)bound, out _);

    /// <summary>Uniform double in [0, 1).</summary>
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

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
