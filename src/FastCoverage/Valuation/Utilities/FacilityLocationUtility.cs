using System.Numerics.Tensors;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;

namespace FastCoverage.Valuation.Utilities;

/// <summary>
/// The facility-location utility v(S) = Σᵤ max(0, max_{j∈S} s(j, u)) over represented points u: adding player j
/// raises the running maximum of every represented point to s(j, ·), O(m) per step with SIMD.
/// </summary>
public sealed class FacilityLocationUtility : IUtility
{
    private readonly float[] _similarity; // n × m: row j holds s(j, u) for every represented u
    private readonly int _represented;

    private FacilityLocationUtility(float[] similarity, int players, int represented)
    {
        _similarity = similarity;
        PlayerCount = players;
        _represented = represented;
    }

    /// <inheritdoc/>
    public int PlayerCount { get; }

    /// <summary>The number of represented points m.</summary>
    public int RepresentedCount => _represented;

    /// <summary>Uses a precomputed similarity: row j holds s(j, u) of player j to each represented point u.</summary>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public static FacilityLocationUtility FromSimilarity(ReadOnlySpan2D<float> similarity)
    {
        Finite.ThrowIfNotFinite(similarity, nameof(similarity));
        var copy = new float[similarity.Height * similarity.Width];
        similarity.CopyTo(copy);
        return new FacilityLocationUtility(copy, similarity.Height, similarity.Width);
    }

    /// <summary>s(j, u) = k(xⱼ, zᵤ) computed with <see cref="Gram.Compute(ReadOnlySpan2D{float}, ReadOnlySpan2D{float}, Kernel, Span2D{float}, int)"/>.</summary>
    /// <param name="players">Player features, n×d.</param>
    /// <param name="represented">Represented points, m×d (often the players themselves).</param>
    /// <param name="kernel">The similarity kernel (not the squared distance, which is a dissimilarity).</param>
    /// <param name="maxDegreeOfParallelism">Threads for the Gram matrix; −1 for all.</param>
    /// <exception cref="ArgumentException">Shapes disagree, values are not finite, or the kernel is a distance.</exception>
    public static FacilityLocationUtility FromFeatures(ReadOnlySpan2D<float> players, ReadOnlySpan2D<float> represented, Kernel kernel, int maxDegreeOfParallelism = -1)
    {
        if (kernel.Kind == KernelKind.SquaredEuclidean)
        {
            throw new ArgumentException("Facility location needs a similarity; the squared Euclidean distance is a dissimilarity.", nameof(kernel));
        }

        var similarity = new float[players.Height * represented.Height];
        Gram.Compute(players, represented, kernel, new Span2D<float>(similarity, players.Height, represented.Height), maxDegreeOfParallelism);
        return new FacilityLocationUtility(similarity, players.Height, represented.Height);
    }

    /// <inheritdoc/>
    public IUtilityState CreateState() => new State(this);

    private sealed class State(FacilityLocationUtility utility) : IUtilityState
    {
        private readonly float[] _best = new float[utility._represented];
        private double _value;

        public double Value => _value;

        public void Add(int player)
        {
            UtilityExtensions.ThrowIfNotPlayer(player, utility.PlayerCount);
            int m = utility._represented;
            TensorPrimitives.Max(_best, utility._similarity.AsSpan(player * m, m), _best);
            _value = TensorPrimitives.Sum<float>(_best);
        }

        public void Reset()
        {
            _best.AsSpan().Clear();
            _value = 0;
        }

        public void CopyTo(IUtilityState destination)
        {
            State target = UtilityExtensions.As<State>(destination, utility, s => s.Owner);
            _best.CopyTo(target._best, 0);
            target._value = _value;
        }

        private FacilityLocationUtility Owner => utility;
    }
}
