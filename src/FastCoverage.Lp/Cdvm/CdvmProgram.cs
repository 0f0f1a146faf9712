namespace FastCoverage.Lp;

/// <summary>
/// The relaxed CDVM linear program of the paper (§3, relaxed as in §3.1) for one attribution matrix T (n × m):
/// <code>
///   maximize  α Σⱼ vⱼ − (1 − α) Σⱼ tⱼ
///   s.t.      v = Tᵀw,  Σᵢ wᵢ = S,  tⱼ ≥ 0,  tⱼ ≥ vⱼ − κ,  0 ≤ wᵢ ≤ 1.
/// </code>
/// v is eliminated: the variables are w (n) and t (m), the rows are Σᵢ wᵢ = S and, for each test point j,
/// Σᵢ Tᵢⱼ wᵢ − tⱼ ≤ κ; the objective is α Σᵢ rowsumᵢ(T) wᵢ − (1 − α) Σⱼ tⱼ since Σⱼ vⱼ = Σᵢ rowsumᵢ(T) wᵢ.
/// The model is built once; each <see cref="Solve"/> changes only the objective (α) and row bounds (S, κ), so
/// re-solves can warm-start from the previous basis. A cold solve picks its method by
/// <see cref="ColdMethod"/>.
/// </summary>
/// <remarks>Not thread-safe: use one instance per thread (each holds its own solver).</remarks>
public sealed class CdvmProgram : IDisposable
{
    /// <summary>
    /// The most test points (rows of the program) for which <see cref="ColdMethod"/> picks the barrier: the largest
    /// m measured. Its dense normal-equation factorization costs m³/3 flops per iteration and m² doubles of memory,
    /// fine up to m = 2000 (n = 10 000, S = 1000, α = 0.3, κ = ½: 10.6 s against 28.5 s primal, 25.8 s dual, CPU
    /// time on a loaded machine), untested beyond.
    /// </summary>
    internal const int BarrierMaxTestCount = 2000;

    private readonly CsrMatrix _attribution;
    private readonly double[] _rowSums;
    private readonly double[] _columnPositiveSums;
    private readonly ILinearProgramSolver _solver;
    private readonly bool _ownsSolver;
    private readonly LinearProgram _program;
    private readonly double[] _objective;
    private readonly double[] _rowLower;
    private readonly double[] _rowUpper;
    private bool _loaded;
    private int _keep;
    private double _alpha;
    private double _kappa;

    /// <summary>Builds the program for <paramref name="attribution"/>.</summary>
    /// <param name="attribution">T: n train rows × m test columns; at least one row and one column.</param>
    /// <param name="solver">The solver to use (disposed by the caller); null creates an unscaled <see cref="ClpSolver"/> owned by this instance.</param>
    /// <exception cref="ArgumentException">T has no rows or no columns.</exception>
    /// <exception cref="DllNotFoundException">No solver was given and COIN-OR CLP is not installed.</exception>
    public CdvmProgram(CsrMatrix attribution, ILinearProgramSolver? solver = null)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        if (attribution.RowCount == 0 || attribution.ColumnCount == 0)
        {
            throw new ArgumentException($"attribution is {attribution.RowCount} × {attribution.ColumnCount}; it needs at least one train row and one test column.", nameof(attribution));
        }

        _attribution = attribution;
        _rowSums = attribution.RowSums();
        _columnPositiveSums = new double[attribution.ColumnCount];
        for (int k = 0; k < attribution.NonZeroCount; k++)
        {
            _columnPositiveSums[attribution.ColumnIndices[k]] += Math.Max(0.0, attribution.Values[k]);
        }

        int n = attribution.RowCount;
        int m = attribution.ColumnCount;
        int entries = n + attribution.NonZeroCount + m;
        var starts = new int[n + m + 1];
        var rows = new int[entries];
        var values = new double[entries];
        int next = 0;
        for (int i = 0; i < n; i++)
        {
            starts[i] = next;
            rows[next] = 0;
            values[next++] = 1.0;
            for (int k = attribution.RowStarts[i]; k < attribution.RowStarts[i + 1]; k++)
            {
                rows[next] = 1 + attribution.ColumnIndices[k];
                values[next++] = attribution.Values[k];
            }
        }

        for (int j = 0; j < m; j++)
        {
            starts[n + j] = next;
            rows[next] = 1 + j;
            values[next++] = -1.0;
        }

        starts[n + m] = next;
        var columnLower = new double[n + m];
        var columnUpper = new double[n + m];
        Array.Fill(columnUpper, 1.0, 0, n);
        Array.Fill(columnUpper, double.PositiveInfinity, n, m);
        _objective = new double[n + m];
        _rowLower = new double[1 + m];
        _rowUpper = new double[1 + m];
        Array.Fill(_rowLower, double.NegativeInfinity, 1, m);
        _program = new LinearProgram(starts, rows, values, columnLower, columnUpper, _objective, _rowLower, _rowUpper, maximize: true);
        _ownsSolver = solver is null;
        _solver = solver ?? new ClpSolver(scale: false);
    }

    /// <summary>Number of train points n.</summary>
    public int TrainCount => _attribution.RowCount;

    /// <summary>Number of test points m.</summary>
    public int TestCount => _attribution.ColumnCount;

    /// <summary>Solves the program for budget S = <paramref name="keep"/> and hyper-parameters α, κ.</summary>
    /// <param name="keep">The budget S, in [1, n].</param>
    /// <param name="alpha">The trade-off α ∈ [0, 1] between total value and the penalty on excess above κ.</param>
    /// <param name="kappa">The soft per-test cap κ ≥ 0 (finite).</param>
    /// <param name="warmStart">Start from the previous solve's basis (the solver's warm start); false solves cold.</param>
    /// <param name="coldMethod">The method of a cold solve; null picks it by <see cref="ColdMethod"/>.</param>
    /// <exception cref="ArgumentException">A parameter is outside its range (the message names it).</exception>
    /// <exception cref="LinearProgramSolveException">The solver ended without an optimal solution.</exception>
    public CdvmResult Solve(int keep, double alpha, double kappa, bool warmStart = false, SimplexMethod? coldMethod = null)
    {
        Validate(TrainCount, keep, alpha, kappa);
        int n = TrainCount;
        int m = TestCount;
        bool objectiveChanged = !_loaded || alpha != _alpha;
        bool rowsChanged = !_loaded || keep != _keep || kappa != _kappa;
        if (objectiveChanged)
        {
            for (int i = 0; i < n; i++)
            {
                _objective[i] = alpha * _rowSums[i];
            }

            Array.Fill(_objective, -(1.0 - alpha), n, m);
        }

        if (rowsChanged)
        {
            _rowLower[0] = keep;
            _rowUpper[0] = keep;
            Array.Fill(_rowUpper, kappa, 1, m);
        }

        // Tell the solver only what changed: a changed objective alone keeps the basis primal feasible, changed
        // row bounds alone keep it dual feasible, and the solver picks its warm-start method by that.
        if (!_loaded)
        {
            _solver.Load(_program);
            _loaded = true;
        }
        else
        {
            if (objectiveChanged)
            {
                _solver.SetObjective(_objective);
            }

            if (rowsChanged)
            {
                _solver.SetRowBounds(_rowLower, _rowUpper);
            }
        }

        (_keep, _alpha, _kappa) = (keep, alpha, kappa);

        LpSolution solution = _solver.Solve(warmStart, coldMethod ?? ColdMethod(keep, alpha, kappa));
        double[] weights = solution.Columns[..n];
        CdvmSelection.ClipKeepingSum(weights, keep);
        int[] selected = CdvmSelection.TopIndices(weights, keep);
        double[] slack = solution.Columns[n..];
        return new CdvmResult(weights, selected, slack, solution.Objective, solution.Status, solution.Iterations, keep, alpha, kappa);
    }

    /// <summary>
    /// The method a cold solve uses for (S, α, κ), by a rule measured on clustered MSR-like instances (docs/cdvm.md).
    /// When the penalty weighs at least as much as the value (α ≤ ½) and the uniform fractional selection
    /// wᵢ = S/n already pushes at least half of the test points over the cap ((S/n) Σᵢ max(Tᵢⱼ, 0) &gt; κ), most caps
    /// bind at the optimum and the dual simplex needs far more iterations than the primal (n = 10 000, m = 2000,
    /// S = 1000, α = κ = ½: 11 007 against 6031). Below ½ (excess above the cap then costs more than it is worth)
    /// such optima are highly fractional and the simplex slow (its basis fills with fractional weights, which makes
    /// every iteration dense), so on programs of at most <see cref="BarrierMaxTestCount"/> test points the barrier
    /// with a crossover (<see cref="SimplexMethod.Barrier"/>) is used instead: its cost is bounded by a few dozen
    /// dense m × m factorizations (CPU time on a loaded machine, n = 1000, m = 500, S = 100, α = 0.3, κ = ¼: 181 ms
    /// against 840 ms primal, 1629 ms dual; n = 2000, m = 1000, S = 200: 1.3 s against 5.9 s primal). At α = ½ exactly the optimal face
    /// is large, the barrier ends in its interior and the crossover is long, so the primal simplex stays. Otherwise the
    /// dual simplex (n = 1000, m = 500, S = 100, α = κ = ½: 54 iterations against 417 primal).
    /// </summary>
    /// <param name="keep">The budget S.</param>
    /// <param name="alpha">The trade-off α.</param>
    /// <param name="kappa">The cap κ.</param>
    public SimplexMethod ColdMethod(int keep, double alpha, double kappa)
    {
        if (alpha > 0.5)
        {
            return SimplexMethod.Dual;
        }

        double share = (double)keep / TrainCount;
        int overCap = 0;
        foreach (double sum in _columnPositiveSums)
        {
            if (share * sum > kappa)
            {
                overCap++;
            }
        }

        if (2 * overCap < TestCount)
        {
            return SimplexMethod.Dual;
        }

        return alpha < 0.5 && TestCount <= BarrierMaxTestCount ? SimplexMethod.Barrier : SimplexMethod.Primal;
    }

    /// <summary>Disposes the solver if this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsSolver)
        {
            _solver.Dispose();
        }
    }

    /// <summary>Checks S, α and κ against T's shape; the exception names the parameter.</summary>
    internal static void Validate(int trainCount, int keep, double alpha, double kappa)
    {
        if (keep <= 0 || keep > trainCount)
        {
            throw new ArgumentException($"keep (the budget S) must be in [1, {trainCount}] (the number of train rows); got {keep}.", nameof(keep));
        }

        if (!(alpha >= 0 && alpha <= 1))
        {
            throw new ArgumentException($"alpha must be in [0, 1]; got {alpha}.", nameof(alpha));
        }

        if (!(kappa >= 0) || double.IsPositiveInfinity(kappa))
        {
            throw new ArgumentException($"kappa must be finite and ≥ 0; got {kappa}.", nameof(kappa));
        }
    }
}
