using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.Valuation;

/// <summary>
/// Exact KNN-Shapley (Jia et al. 2019, "Efficient task-specific data valuation for nearest neighbor algorithms"): the
/// Shapley value of every training point for the utility of an unweighted K-nearest-neighbour model, by the closed-form
/// recursion over the training points sorted by distance to each validation point, averaged over the validation points.
/// </summary>
/// <remarks>
/// <para>Neighbours are ranked by squared Euclidean distance computed by direct differences accumulated in double,
/// ties going to the lowest training index; the utility of a coalition S for validation point v looks at the
/// K nearest points of S in that order, T_K(S) (all of S when |S| &lt; K). The value of point i is
/// (1/m) Σ_v φ_i(v), exactly the Shapley value of the averaged utility (1/m) Σ_v U_v.</para>
/// <para>Cost: O(m·n·d) for the distances plus O(m·n) for the radix sorts and recursions, parallel over
/// validation points. Results are identical for any thread count: validation points are processed in fixed chunks
/// and the chunks' sums are added in validation-point order.</para>
/// </remarks>
public static class KnnShapley
{
    private const int ChunkSize = 8;

    /// <summary>
    /// Values for KNN classification, U_v(S) = (1/K) Σ_{j ∈ T_K(S)} 1[y_j = y_v] (Jia et al. 2019, unweighted KNN classifier);
    /// the values sum to the K-NN validation accuracy of the full training set (efficiency).
    /// </summary>
    /// <param name="training">Training features, n×d.</param>
    /// <param name="trainingLabels">Training labels, length n (any integers; only equality matters).</param>
    /// <param name="validation">Validation features, m×d.</param>
    /// <param name="validationLabels">Validation labels, length m.</param>
    /// <param name="neighbors">K ≥ 1 (K &gt; n is allowed: every point is then always a neighbour).</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <returns>The Shapley value of each training point, length n.</returns>
    /// <exception cref="ArgumentException">A matrix is empty, shapes or lengths disagree, a value is NaN/Inf, or K &lt; 1.</exception>
    public static double[] Classification(ReadOnlySpan2D<float> training, ReadOnlySpan<int> trainingLabels, ReadOnlySpan2D<float> validation, ReadOnlySpan<int> validationLabels, int neighbors, int maxDegreeOfParallelism = -1)
    {
        Validate(training, trainingLabels.Length, validation, validationLabels.Length, neighbors, nameof(trainingLabels), nameof(validationLabels));
        int[] labels = trainingLabels.ToArray();
        int[] validLabels = validationLabels.ToArray();
        return Run(training, validation, neighbors, maxDegreeOfParallelism, (order, v, values, _) =>
            KnnShapleyRecursion.Classification(order, labels, validLabels[v], neighbors, values));
    }

    /// <summary>
    /// Values for KNN regression, U_v(S) = −((1/K) Σ_{j ∈ T_K(S)} y_j − y_v)² (Jia et al. 2019, unweighted KNN regressor; the sum has
    /// min(K, |S|) terms but is always divided by K, so U_v(∅) = −y_v²); the values sum to U(D) − U(∅).
    /// </summary>
    /// <param name="training">Training features, n×d.</param>
    /// <param name="trainingTargets">Training targets, length n.</param>
    /// <param name="validation">Validation features, m×d.</param>
    /// <param name="validationTargets">Validation targets, length m.</param>
    /// <param name="neighbors">K ≥ 1.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <returns>The Shapley value of each training point, length n.</returns>
    /// <exception cref="ArgumentException">A matrix is empty, shapes or lengths disagree, a value is NaN/Inf, or K &lt; 1.</exception>
    public static double[] Regression(ReadOnlySpan2D<float> training, ReadOnlySpan<float> trainingTargets, ReadOnlySpan2D<float> validation, ReadOnlySpan<float> validationTargets, int neighbors, int maxDegreeOfParallelism = -1)
    {
        Validate(training, trainingTargets.Length, validation, validationTargets.Length, neighbors, nameof(trainingTargets), nameof(validationTargets));
        Finite.ThrowIfNotFinite(trainingTargets, nameof(trainingTargets));
        Finite.ThrowIfNotFinite(validationTargets, nameof(validationTargets));
        double[] targets = ToDouble(trainingTargets);
        double[] validTargets = ToDouble(validationTargets);
        return Run(training, validation, neighbors, maxDegreeOfParallelism, (order, v, values, scratch) =>
            KnnShapleyRecursion.Regression(order, targets, validTargets[v], neighbors, values, scratch.Sorted, scratch.Prefix));
    }

    private delegate void Recursion(ReadOnlySpan<int> order, int validationIndex, Span<double> values, Worker worker);

    private static void Validate(ReadOnlySpan2D<float> training, int trainingLength, ReadOnlySpan2D<float> validation, int validationLength, int neighbors, string trainingName, string validationName)
    {
        MatrixChecks.ThrowIfEmpty(training, nameof(training));
        MatrixChecks.ThrowIfEmpty(validation, nameof(validation));

        if (validation.Width != training.Width)
        {
            throw new ArgumentException($"The validation set has {validation.Width} columns but the training set has {training.Width}.", nameof(validation));
        }

        if (trainingLength != training.Height)
        {
            throw new ArgumentException($"{trainingName} has {trainingLength} entries but the training set has {training.Height} rows.", trainingName);
        }

        if (validationLength != validation.Height)
        {
            throw new ArgumentException($"{validationName} has {validationLength} entries but the validation set has {validation.Height} rows.", validationName);
        }

        if (neighbors < 1)
        {
            throw new ArgumentException($"neighbors (K) must be at least 1 (was {neighbors}).", nameof(neighbors));
        }

        Finite.ThrowIfNotFinite(training, nameof(training));
        Finite.ThrowIfNotFinite(validation, nameof(validation));
    }

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        TensorPrimitives.ConvertChecked<float, double>(values, result);
        return result;
    }

    private static unsafe double[] Run(ReadOnlySpan2D<float> training, ReadOnlySpan2D<float> validation, int neighbors, int maxDegreeOfParallelism, Recursion recursion)
    {
        int n = training.Height, m = validation.Height, d = training.Width;
        int chunks = (m + ChunkSize - 1) / ChunkSize;
        int workers = Math.Min(chunks, maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount);
        var slots = new Worker?[workers];
        var total = new double[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        fixed (float* pt = &Unsafe.AsRef(in training.GetRowSpan(0).GetPinnableReference()))
        fixed (float* pv = &Unsafe.AsRef(in validation.GetRowSpan(0).GetPinnableReference()))
        {
            var train = new MatrixView(pt, n, d, MatrixView.StrideOf(training));
            var valid = new MatrixView(pv, m, d, MatrixView.StrideOf(validation));

            // Waves of `workers` chunks run in parallel; their partial sums are folded in chunk order, so the result
            // does not depend on how many chunks a wave holds.
            for (int wave = 0; wave < chunks; wave += workers)
            {
                int inWave = Math.Min(workers, chunks - wave);
                Parallel.For(0, inWave, options, slot =>
                {
                    Worker worker = slots[slot] ??= new Worker(n, d);
                    int v0 = (wave + slot) * ChunkSize;
                    int count = Math.Min(ChunkSize, m - v0);
                    worker.ValueChunk(train, valid, v0, count, recursion);
                });

                for (int slot = 0; slot < inWave; slot++)
                {
                    TensorPrimitives.Add(total, slots[slot]!.Partial, total);
                }
            }
        }

        TensorPrimitives.Divide(total, m, total);
        return total;
    }

    /// <summary>Per-thread scratch; allocated once per worker slot, reused for every chunk.</summary>
    private sealed unsafe class Worker
    {
        private readonly int _n;
        private readonly int _d;
        private readonly double[] _queries;
        private readonly double[] _distances;
        private readonly ExactNeighbourOrder _order;

        public Worker(int n, int d)
        {
            _n = n;
            _d = d;
            _queries = new double[ChunkSize * d];
            _distances = new double[ChunkSize * n];
            _order = new ExactNeighbourOrder(n);
            Partial = new double[n];
            Sorted = new double[n];
            Prefix = new double[n];
        }

        /// <summary>The chunk's values summed over its validation points in order.</summary>
        public double[] Partial { get; }

        public double[] Sorted { get; }

        public double[] Prefix { get; }

        public void ValueChunk(MatrixView training, MatrixView validation, int v0, int count, Recursion recursion)
        {
            for (int q = 0; q < count; q++)
            {
                TensorPrimitives.ConvertChecked<float, double>(validation.RowSpan(v0 + q), _queries.AsSpan(q * _d, _d));
            }

            fixed (double* queries = _queries)
            {
                ExactNeighbourOrder.SquaredDistances(queries, count, _d, training, _distances);
            }

            Array.Clear(Partial);
            for (int q = 0; q < count; q++)
            {
                ReadOnlySpan<int> order = _order.Sort(_distances.AsSpan(q * _n, _n));
                recursion(order, v0 + q, Partial, this);
            }
        }
    }
}
