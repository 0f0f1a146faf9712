using CommunityToolkit.HighPerformance;
using FastCoverage.Valuation.Learners;

namespace FastCoverage.Valuation.Utilities;

/// <summary>
/// The k-nearest-neighbour utility: v(S) is the validation accuracy of <see cref="KnnClassifier"/> trained on S
/// (Euclidean distance by direct differences in double, distance ties to the lowest index, vote ties to the lowest
/// class, class 0 for S = ∅). Each state keeps every validation point's sorted top-k list, so adding a player costs
/// O(n_v·k) with the player × validation distances computed once at construction (O(n·n_v·d), n·n_v doubles).
/// </summary>
public sealed class KnnUtility : IUtility
{
    private readonly double[] _distance;   // n × n_v: row i holds ‖xᵢ − zᵥ‖²
    private readonly int[] _labels;
    private readonly int[] _validLabels;
    private readonly int _classes;
    private readonly int _neighbors;

    /// <summary>Creates the utility and precomputes the distances.</summary>
    /// <param name="x">Training features, n×d (the players).</param>
    /// <param name="labels">Training labels in [0, classCount).</param>
    /// <param name="validX">Validation features, n_v×d.</param>
    /// <param name="validLabels">Validation labels in [0, classCount).</param>
    /// <param name="classCount">The number of classes C ≥ 1.</param>
    /// <param name="neighbors">k ≥ 1.</param>
    /// <param name="maxDegreeOfParallelism">Threads for the distance precomputation; −1 for all.</param>
    /// <exception cref="ArgumentException">Shapes disagree, labels are out of range, values are not finite, or k &lt; 1.</exception>
    public KnnUtility(ReadOnlyMemory2D<float> x, ReadOnlySpan<int> labels, ReadOnlyMemory2D<float> validX, ReadOnlySpan<int> validLabels, int classCount, int neighbors, int maxDegreeOfParallelism = -1)
    {
        if (neighbors < 1)
        {
            throw new ArgumentException($"neighbors must be at least 1 (was {neighbors}).", nameof(neighbors));
        }

        ValidationSet.Validate(x.Span, labels, validX.Span, validLabels, classCount);
        _labels = labels.ToArray();
        _validLabels = validLabels.ToArray();
        _classes = classCount;
        _neighbors = neighbors;
        int nv = validX.Height;
        var distance = new double[x.Height * nv];
        Parallel.For(0, x.Height, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            ReadOnlySpan<float> row = x.Span.GetRowSpan(i);
            ReadOnlySpan2D<float> valid = validX.Span;
            for (int v = 0; v < nv; v++)
            {
                distance[(i * nv) + v] = PreciseDistance.SquaredEuclidean(row, valid.GetRowSpan(v));
            }
        });
        _distance = distance;
    }

    /// <inheritdoc/>
    public int PlayerCount => _labels.Length;

    /// <inheritdoc/>
    public IUtilityState CreateState() => new State(this);

    private sealed class State : IUtilityState
    {
        private readonly KnnUtility _u;
        private readonly double[] _topDistance; // n_v × k, each row sorted by (distance, index)
        private readonly int[] _topIndex;       // n_v × k
        private readonly int[] _count;          // n_v
        private readonly bool[] _correct;       // n_v
        private readonly int[] _votes;          // C, kept all-zero between uses
        private int _correctCount;

        public State(KnnUtility utility)
        {
            _u = utility;
            int nv = utility._validLabels.Length;
            _topDistance = new double[nv * utility._neighbors];
            _topIndex = new int[nv * utility._neighbors];
            _count = new int[nv];
            _correct = new bool[nv];
            _votes = new int[utility._classes];
            Reset();
        }

        public double Value => _u._validLabels.Length == 0 ? 0 : (double)_correctCount / _u._validLabels.Length;

        public void Add(int player)
        {
            UtilityExtensions.ThrowIfNotPlayer(player, _u.PlayerCount);
            int k = _u._neighbors;
            int nv = _u._validLabels.Length;
            ReadOnlySpan<double> distances = _u._distance.AsSpan(player * nv, nv);
            for (int v = 0; v < nv; v++)
            {
                double distance = distances[v];
                Span<double> topDistance = _topDistance.AsSpan(v * k, k);
                Span<int> topIndex = _topIndex.AsSpan(v * k, k);
                int count = _count[v];
                if (count == k && !Closer(distance, player, topDistance[k - 1], topIndex[k - 1]))
                {
                    continue;
                }

                int slot = count < k ? count : k - 1;
                _count[v] = count < k ? count + 1 : k;
                while (slot > 0 && Closer(distance, player, topDistance[slot - 1], topIndex[slot - 1]))
                {
                    topDistance[slot] = topDistance[slot - 1];
                    topIndex[slot] = topIndex[slot - 1];
                    slot--;
                }

                topDistance[slot] = distance;
                topIndex[slot] = player;
                bool correct = Vote(topIndex[.._count[v]]) == _u._validLabels[v];
                _correctCount += (correct ? 1 : 0) - (_correct[v] ? 1 : 0);
                _correct[v] = correct;
            }
        }

        public void Reset()
        {
            _count.AsSpan().Clear();
            _correctCount = 0;
            for (int v = 0; v < _correct.Length; v++)
            {
                _correct[v] = _u._validLabels[v] == 0;
                _correctCount += _correct[v] ? 1 : 0;
            }
        }

        public void CopyTo(IUtilityState destination)
        {
            State target = UtilityExtensions.As<State>(destination, _u, s => s._u);
            _topDistance.CopyTo(target._topDistance, 0);
            _topIndex.CopyTo(target._topIndex, 0);
            _count.CopyTo(target._count, 0);
            _correct.CopyTo(target._correct, 0);
            target._correctCount = _correctCount;
        }

        /// <summary>The majority label of the given neighbours, ties to the lowest class.</summary>
        private int Vote(ReadOnlySpan<int> neighbors)
        {
            int best = int.MaxValue;
            int bestVotes = 0;
            foreach (int i in neighbors)
            {
                int label = _u._labels[i];
                int votes = ++_votes[label];
                if (votes > bestVotes || (votes == bestVotes && label < best))
                {
                    best = label;
                    bestVotes = votes;
                }
            }

            foreach (int i in neighbors)
            {
                _votes[_u._labels[i]] = 0;
            }

            return best;
        }

        private static bool Closer(double distance, int index, double otherDistance, int otherIndex) =>
            distance < otherDistance || (distance == otherDistance && index < otherIndex);
    }
}
