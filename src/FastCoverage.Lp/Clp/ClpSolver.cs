using System.Runtime.InteropServices;
using FastCoverage.Lp.Clp;

namespace FastCoverage.Lp;

/// <summary>
/// <see cref="ILinearProgramSolver"/> backed by COIN-OR CLP's C API (<c>libClp.so.1</c>, Debian package
/// <c>coinor-libclp1</c>). A cold solve runs the dual (or, on request, the primal) simplex without presolve on a
/// freshly loaded model (the fastest configurations measured on CDVM programs), or on request
/// (<see cref="SimplexMethod.Barrier"/>) the barrier with a crossover to an optimal basis; a warm solve starts from the previous optimal basis with the
/// primal simplex when only the objective changed (the basis stays primal feasible) and with the dual simplex when
/// row bounds changed (the basis stays dual feasible).
/// </summary>
public sealed class ClpSolver : ILinearProgramSolver
{
    private ClpModelHandle? _model;
    private LinearProgram? _program;
    private double[] _objective = [];
    private double[] _rowLower = [];
    private double[] _rowUpper = [];
    private bool _solved;
    private bool _objectiveChanged;
    private bool _rowsChanged;

    private readonly bool _scale;

    /// <summary>Creates a solver; loads CLP on first use.</summary>
    /// <param name="scale">
    /// Let CLP scale rows and columns (its default). Programs whose coefficients are already of one magnitude — CDVM's
    /// lie in [−1, 1] — solve in fewer dual iterations unscaled, so <see cref="CdvmProgram"/> turns it off.
    /// </param>
    /// <exception cref="DllNotFoundException">CLP is not installed; the message says to install coinor-libclp1.</exception>
    public ClpSolver(bool scale = true)
    {
        ClpLibrary.EnsureLoaded();
        _scale = scale;
    }

    /// <inheritdoc />
    public void Load(LinearProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        ObjectDisposedException.ThrowIf(_model is { IsClosed: true }, this);
        _program = program;
        _objective = (double[])program.Objective.Clone();
        _rowLower = (double[])program.RowLower.Clone();
        _rowUpper = (double[])program.RowUpper.Clone();
        LoadModel();
    }

    /// <inheritdoc />
    public void SetObjective(ReadOnlySpan<double> objective)
    {
        LinearProgram program = LoadedProgram();
        RequireLength(objective.Length, program.ColumnCount, nameof(objective));
        for (int c = 0; c < objective.Length; c++)
        {
            if (!double.IsFinite(objective[c]))
            {
                throw new ArgumentException($"objective holds {objective[c]} at column {c}; coefficients must be finite.", nameof(objective));
            }
        }

        objective.CopyTo(_objective);
        unsafe
        {
            fixed (double* o = _objective)
            {
                ClpNative.Clp_chgObjCoefficients(_model!, o);
            }
        }

        _objectiveChanged = true;
    }

    /// <inheritdoc />
    public void SetRowBounds(ReadOnlySpan<double> rowLower, ReadOnlySpan<double> rowUpper)
    {
        LinearProgram program = LoadedProgram();
        RequireLength(rowLower.Length, program.RowCount, nameof(rowLower));
        RequireLength(rowUpper.Length, program.RowCount, nameof(rowUpper));
        rowLower.CopyTo(_rowLower);
        rowUpper.CopyTo(_rowUpper);
        unsafe
        {
            fixed (double* lower = _rowLower)
            fixed (double* upper = _rowUpper)
            {
                ClpNative.Clp_chgRowLower(_model!, lower);
                ClpNative.Clp_chgRowUpper(_model!, upper);
            }
        }

        _rowsChanged = true;
    }

    /// <inheritdoc />
    public LpSolution Solve(bool warmStart = false, SimplexMethod coldMethod = SimplexMethod.Dual)
    {
        LinearProgram program = LoadedProgram();
        if (_solved && !warmStart)
        {
            LoadModel();
        }

        ClpModelHandle model = _model!;
        bool warm = _solved && warmStart;
        int iterations;
        if (!warm && coldMethod == SimplexMethod.Barrier)
        {
            iterations = ClpBarrier.Solve(model);
        }
        else
        {
            if (warm ? _objectiveChanged && !_rowsChanged : coldMethod == SimplexMethod.Primal)
            {
                ClpNative.Clp_primal(model, 0);
            }
            else
            {
                ClpNative.Clp_dual(model, 0);
            }

            iterations = ClpNative.Clp_numberIterations(model);
        }

        _solved = true;
        _objectiveChanged = false;
        _rowsChanged = false;
        var status = (LpStatus)ClpNative.Clp_status(model);
        if (status != LpStatus.Optimal)
        {
            int secondaryStatus = ClpNative.Clp_secondaryStatus(model);
            // The basis of a failed solve is no base to warm-start from.
            LoadModel();
            throw new LinearProgramSolveException(status, secondaryStatus, iterations);
        }

        var columns = new double[program.ColumnCount];
        IntPtr solution = ClpNative.Clp_getColSolution(model);
        Marshal.Copy(solution, columns, 0, columns.Length);
        double objective = 0;
        for (int c = 0; c < columns.Length; c++)
        {
            objective += _objective[c] * columns[c];
        }

        return new LpSolution(columns, objective, status, iterations);
    }

    /// <summary>Frees the native model.</summary>
    public void Dispose()
    {
        _model?.Dispose();
        _program = null;
    }

    private LinearProgram LoadedProgram()
    {
        ObjectDisposedException.ThrowIf(_model is { IsClosed: true }, this);
        return _program ?? throw new InvalidOperationException("No program is loaded; call Load first.");
    }

    private void LoadModel()
    {
        LinearProgram program = _program!;
        _model?.Dispose();
        _model = ClpNative.Clp_newModel();
        ClpNative.Clp_setLogLevel(_model, 0);
        unsafe
        {
            fixed (int* starts = program.ColumnStarts)
            fixed (int* rows = program.RowIndices)
            fixed (double* values = program.Values)
            fixed (double* columnLower = program.ColumnLower)
            fixed (double* columnUpper = program.ColumnUpper)
            fixed (double* objective = _objective)
            fixed (double* rowLower = _rowLower)
            fixed (double* rowUpper = _rowUpper)
            {
                ClpNative.Clp_loadProblem(_model, program.ColumnCount, program.RowCount, starts, rows, values,
                    columnLower, columnUpper, objective, rowLower, rowUpper);
            }
        }

        ClpNative.Clp_setOptimizationDirection(_model, program.Maximize ? -1.0 : 1.0);
        if (!_scale)
        {
            ClpNative.Clp_scaling(_model, 0);
        }

        _solved = false;
        _objectiveChanged = false;
        _rowsChanged = false;
    }

    private static void RequireLength(int actual, int expected, string parameterName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{parameterName} has length {actual}; the loaded program needs {expected}.", parameterName);
        }
    }
}
