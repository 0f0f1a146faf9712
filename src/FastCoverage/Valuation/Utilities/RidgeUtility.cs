using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CommunityToolkit.HighPerformance;
using FastCoverage.Valuation.Learners;

namespace FastCoverage.Valuation.Utilities;

/// <summary>
/// The ridge-probe utility: v(S) is the validation <see cref="RidgeMetric"/> of the one-vs-rest ridge classifier
/// W_S = (XₛᵀXₛ + λI)⁻¹XₛᵀYₛ (exactly <see cref="RidgeClassifier"/>). Adding point (x, y) never refits: with
/// u = A⁻¹x and α = 1/(1 + xᵀu), Sherman–Morrison gives A⁻¹ ← A⁻¹ − α·u·uᵀ and W ← W + α·u·(e_y − Wᵀx)ᵀ, and the
/// validation scores follow as XᵥW ← XᵥW + α·(Xᵥu)(e_y − Wᵀx)ᵀ — O(d² + n_v·(d + C)) per step, all in double.
/// v(∅) scores every class 0, so every validation point is predicted as class 0.
/// </summary>
public sealed class RidgeUtility : IUtility
{
    private readonly float[] _train;        // n × d
    private readonly int[] _labels;         // n
    private readonly float[] _validPanels;  // validation features packed for RidgeScoreUpdate
    private readonly int[] _validLabels;    // n_v
    private readonly double[] _validLabelValues; // the same, as doubles
    private readonly int _features;
    private readonly int _classes;
    private readonly double _lambda;
    private readonly RidgeMetric _metric;

    /// <summary>Creates the utility (copies the data).</summary>
    /// <param name="x">Training features, n×d (the players).</param>
    /// <param name="labels">Training labels in [0, classCount).</param>
    /// <param name="validX">Validation features, n_v×d.</param>
    /// <param name="validLabels">Validation labels in [0, classCount).</param>
    /// <param name="classCount">The number of classes C ≥ 1.</param>
    /// <param name="lambda">The ridge penalty λ &gt; 0.</param>
    /// <param name="metric">What v(S) reports.</param>
    /// <exception cref="ArgumentException">Shapes disagree, labels are out of range, values are not finite, or λ ≤ 0.</exception>
    public RidgeUtility(ReadOnlySpan2D<float> x, ReadOnlySpan<int> labels, ReadOnlySpan2D<float> validX, ReadOnlySpan<int> validLabels, int classCount, double lambda, RidgeMetric metric = RidgeMetric.Accuracy)
    {
        Finite.ThrowIfNotPositive(lambda, nameof(lambda));

        ValidationSet.Validate(x, labels, validX, validLabels, classCount);
        _features = x.Width;
        _classes = classCount;
        _lambda = lambda;
        _metric = metric;
        _train = new float[x.Height * x.Width];
        x.CopyTo(_train);
        _labels = labels.ToArray();
        _validPanels = RidgeScoreUpdate.Pack(validX);

        _validLabels = validLabels.ToArray();
        _validLabelValues = _validLabels.Select(y => (double)y).ToArray();
    }

    /// <inheritdoc/>
    public int PlayerCount => _labels.Length;

    /// <inheritdoc/>
    public IUtilityState CreateState() => new State(this);

    /// <summary>The incremental state; <see cref="Weights"/> is exposed to the tests.</summary>
    internal sealed class State : IUtilityState
    {
        private readonly RidgeUtility _u;
        private readonly double[] _inverse;   // A⁻¹ = (XₛᵀXₛ + λI)⁻¹, d × d
        private readonly double[] _weights;   // Wᵀ, C × d: row k holds the weights of class k
        private readonly double[] _scores;    // (XᵥW)ᵀ, C × n_v: class-major so updates run along the validation set
        private readonly double[] _x;
        private readonly double[] _projected; // u = A⁻¹x
        private readonly double[] _residual;  // e_y − Wᵀx
        private readonly double[] _coefficients; // α·(e_y − Wᵀx)
        private readonly double[] _scaled;    // √α·u
        private int _correct;                  // validation points whose argmax is their label
        private double _value;

        public State(RidgeUtility utility)
        {
            _u = utility;
            int d = utility._features;
            _inverse = new double[d * d];
            _weights = new double[utility._classes * d];
            _scores = new double[utility._validLabels.Length * utility._classes];
            _x = new double[d];
            _projected = new double[d];
            _residual = new double[utility._classes];
            _coefficients = new double[utility._classes];
            _scaled = new double[d];
            Reset();
        }

        public double Value => _value;

        /// <summary>Wᵀ (C × d, row-major: row k holds class k's weights).</summary>
        internal ReadOnlySpan<double> Weights => _weights;

        public void Add(int player)
        {
            UtilityExtensions.ThrowIfNotPlayer(player, _u.PlayerCount);
            int d = _u._features;
            int c = _u._classes;
            TensorPrimitives.ConvertChecked<float, double>(_u._train.AsSpan(player * d, d), _x);

            // u = A⁻¹x, accumulated as Σₐ xₐ·(row a of A⁻¹): A⁻¹ is kept exactly symmetric, so rows are columns.
            _projected.AsSpan().Clear();
            for (int a = 0; a < d; a++)
            {
                AddScaled(_inverse.AsSpan(a * d, d), _x[a], _projected);
            }

            double alpha = 1 / (1 + Dot(_x, _projected));
            for (int k = 0; k < c; k++)
            {
                _residual[k] = -Dot(_weights.AsSpan(k * d, d), _x);
            }

            _residual[_u._labels[player]] += 1;
            for (int k = 0; k < c; k++)
            {
                _coefficients[k] = alpha * _residual[k];
                AddScaled(_projected, _coefficients[k], _weights.AsSpan(k * d, d));
            }

            // A⁻¹ ← A⁻¹ − w·wᵀ with w = √α·u: entry (a, b) gets the exact product wₐ·w_b fused in, as does (b, a), so
            // the update keeps A⁻¹ bitwise symmetric.
            double root = Math.Sqrt(alpha);
            TensorPrimitives.Multiply(_projected, root, _scaled);
            for (int a = 0; a < d; a++)
            {
                AddScaled(_scaled, -_scaled[a], _inverse.AsSpan(a * d, d));
            }

            _correct = RidgeScoreUpdate.Apply(_u._validPanels, _projected, _coefficients, _scores, _u._validLabelValues);
            _value = Measure();
        }

        public void Reset()
        {
            int d = _u._features;
            _inverse.AsSpan().Clear();
            for (int a = 0; a < d; a++)
            {
                _inverse[(a * d) + a] = 1 / _u._lambda;
            }

            _weights.AsSpan().Clear();
            _scores.AsSpan().Clear();
            _correct = _u._validLabels.Count(y => y == 0); // all scores 0: every point is predicted as class 0
            _value = Measure();
        }

        public void CopyTo(IUtilityState destination)
        {
            State target = UtilityExtensions.As<State>(destination, _u, s => s._u);
            _inverse.CopyTo(target._inverse, 0);
            _weights.CopyTo(target._weights, 0);
            _scores.CopyTo(target._scores, 0);
            target._correct = _correct;
            target._value = _value;
        }

        /// <summary>destination += scale·source (FMA per element); inlined, since d is small and calls would dominate.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddScaled(ReadOnlySpan<double> source, double scale, Span<double> destination)
        {
            ref double s = ref MemoryMarshal.GetReference(source);
            ref double t = ref MemoryMarshal.GetReference(destination);
            var factor = new Vector<double>(scale);
            int i = 0;
            for (; i <= source.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref s, (nuint)i), factor, Vector.LoadUnsafe(ref t, (nuint)i)).StoreUnsafe(ref t, (nuint)i);
            }

            for (; i < source.Length; i++)
            {
                Unsafe.Add(ref t, i) = Math.FusedMultiplyAdd(Unsafe.Add(ref s, i), scale, Unsafe.Add(ref t, i));
            }
        }

        /// <summary>xᵀy with two vector accumulators; inlined like <see cref="AddScaled"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        {
            ref double p = ref MemoryMarshal.GetReference(x);
            ref double q = ref MemoryMarshal.GetReference(y);
            int w = Vector<double>.Count;
            Vector<double> even = Vector<double>.Zero;
            Vector<double> odd = Vector<double>.Zero;
            int i = 0;
            for (; i <= x.Length - (2 * w); i += 2 * w)
            {
                even = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref p, (nuint)i), Vector.LoadUnsafe(ref q, (nuint)i), even);
                odd = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref p, (nuint)(i + w)), Vector.LoadUnsafe(ref q, (nuint)(i + w)), odd);
            }

            double sum = Vector.Sum(even + odd);
            for (; i < x.Length; i++)
            {
                sum = Math.FusedMultiplyAdd(Unsafe.Add(ref p, i), Unsafe.Add(ref q, i), sum);
            }

            return sum;
        }

        private double Measure()
        {
            int c = _u._classes;
            int nv = _u._validLabels.Length;
            if (nv == 0)
            {
                return 0;
            }

            if (_u._metric == RidgeMetric.Accuracy)
            {
                return (double)_correct / nv;
            }

            // Σᵥ‖sᵥ − e_yᵥ‖² = Σ all squared scores − Σᵥ (2·s_{v,yᵥ} − 1).
            double squared = TensorPrimitives.SumOfSquares<double>(_scores);
            for (int v = 0; v < nv; v++)
            {
                squared -= (2 * _scores[(_u._validLabels[v] * nv) + v]) - 1;
            }

            return -squared / nv;
        }
    }
}
