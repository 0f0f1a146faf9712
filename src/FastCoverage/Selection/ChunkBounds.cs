namespace FastCoverage.Selection;

/// <summary>
/// Per candidate and chunk of represented positions, an upper bound of the candidate's similarities in that chunk,
/// kept from the last time the piece was computed: ⌈254·max s⌉ as a byte for similarities in [0, 1] (RBF, mapped
/// cosine), 255 when unknown. When the bound is ≤ the chunk's smallest coverage, every term max(sᵢⱼ − curᵢ, 0) of the
/// chunk is exactly +0 and the piece can be skipped without changing a bit of the gain (adding +0 to a nonnegative
/// accumulator leaves it unchanged).
/// </summary>
internal sealed class ChunkBounds
{
    /// <summary>The byte that never allows a skip.</summary>
    public const byte Unknown = 255;

    private const double Levels = 254.0;

    private readonly byte[] bounds;

    public ChunkBounds(int candidates, int chunks)
    {
        Chunks = chunks;
        bounds = new byte[(long)candidates * chunks];
        Array.Fill(bounds, Unknown);
    }

    /// <summary>Chunks per candidate.</summary>
    public int Chunks { get; }

    /// <summary>The stored bound of (candidate, chunk).</summary>
    public byte this[int candidate, int chunk] => bounds[((long)candidate * Chunks) + chunk];

    /// <summary>Records the largest similarity of a computed piece (the bound rounds up; above 1 it is unknown).</summary>
    public void Record(int candidate, int chunk, float largest) =>
        bounds[((long)candidate * Chunks) + chunk] = largest <= 1f ? (byte)Math.Ceiling(largest * Levels) : Unknown;

    /// <summary>
    /// The largest bound byte that proves a skip against a chunk whose smallest coverage is <paramref name="smallestCoverage"/>:
    /// b ≤ ⌊254·min cur⌋ means max s ≤ b/254 ≤ min cur (254·cur is exact in double). Never <see cref="Unknown"/>.
    /// </summary>
    public static byte Limit(float smallestCoverage) => (byte)Math.Min(Levels, Math.Floor(smallestCoverage * Levels));
}
