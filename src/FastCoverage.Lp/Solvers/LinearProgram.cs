namespace FastCoverage.Lp;

/// <summary>
/// A linear program in column form: optimize <c>cᵀx</c> subject to <c>rowLower ≤ A x ≤ rowUpper</c> and
/// <c>columnLower ≤ x ≤ columnUpper</c>, with the constraint matrix <c>A</c> stored column-wise (compressed sparse
/// columns). Infinite bounds are <see cref="double.PositiveInfinity"/> / <see cref="double.NegativeInfinity"/>.
/// </summary>
/// <remarks>The arrays are used as given (not copied); do not change them while a solver holds the program.</remarks>
public sealed class LinearProgram
{
    /// <summary>Creates a program and checks that every array has the size the shape asks for.</summary>
    /// <param name="columnStarts">CSC column pointers, length columns + 1, starting at 0 and non-decreasing.</param>
    /// <param name="rowIndices">Row index of every stored entry, each in [0, rows).</param>
    /// <param name="values">Value of every stored entry (finite).</param>
    /// <param name="columnLower">Lower bound of each variable.</param>
    /// <param name="columnUpper">Upper bound of each variable.</param>
    /// <param name="objective">Objective coefficient of each variable (finite).</param>
    /// <param name="rowLower">Lower bound of each constraint row.</param>
    /// <param name="rowUpper">Upper bound of each constraint row.</param>
    /// <param name="maximize">True to maximize the objective, false to minimize it.</param>
    /// <exception cref="ArgumentException">An array has the wrong length or holds an invalid entry.</exception>
    public LinearProgram(int[] columnStarts, int[] rowIndices, double[] values, double[] columnLower, double[] columnUpper,
        double[] objective, double[] rowLower, double[] rowUpper, bool maximize)
    {
        ArgumentNullException.ThrowIfNull(columnStarts);
        ArgumentNullException.ThrowIfNull(rowIndices);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(columnLower);
        ArgumentNullException.ThrowIfNull(columnUpper);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(rowLower);
        ArgumentNullException.ThrowIfNull(rowUpper);
        int columns = objective.Length;
        int rows = rowLower.Length;
        if (columnStarts.Length != columns + 1 || columnStarts[0] != 0)
        {
            throw Invalid(nameof(columnStarts), $"must have length columns + 1 = {columns + 1} and start at 0");
        }

        if (columnLower.Length != columns || columnUpper.Length != columns)
        {
            throw Invalid(columnLower.Length != columns ? nameof(columnLower) : nameof(columnUpper), $"must have length {columns}");
        }

        if (rowUpper.Length != rows)
        {
            throw Invalid(nameof(rowUpper), $"must have length {rows}");
        }

        for (int c = 0; c < columns; c++)
        {
            if (columnStarts[c + 1] < columnStarts[c])
            {
                throw Invalid(nameof(columnStarts), $"decreases at column {c}");
            }

            if (!double.IsFinite(objective[c]))
            {
                throw Invalid(nameof(objective), $"holds {objective[c]} at column {c}");
            }
        }

        int entries = columnStarts[columns];
        if (rowIndices.Length != entries)
        {
            throw Invalid(nameof(rowIndices), $"has length {rowIndices.Length}; expected {entries}");
        }

        if (values.Length != entries)
        {
            throw Invalid(nameof(values), $"has length {values.Length}; expected {entries}");
        }

        for (int k = 0; k < entries; k++)
        {
            if ((uint)rowIndices[k] >= (uint)rows)
            {
                throw Invalid(nameof(rowIndices), $"holds row {rowIndices[k]} outside [0, {rows})");
            }

            if (!double.IsFinite(values[k]))
            {
                throw Invalid(nameof(values), $"holds {values[k]} at entry {k}");
            }
        }

        ColumnStarts = columnStarts;
        RowIndices = rowIndices;
        Values = values;
        ColumnLower = columnLower;
        ColumnUpper = columnUpper;
        Objective = objective;
        RowLower = rowLower;
        RowUpper = rowUpper;
        Maximize = maximize;
    }

    /// <summary>Number of variables (columns).</summary>
    public int ColumnCount => Objective.Length;

    /// <summary>Number of constraints (rows).</summary>
    public int RowCount => RowLower.Length;

    /// <summary>CSC column pointers: the entries of column c are [ColumnStarts[c], ColumnStarts[c + 1]).</summary>
    public int[] ColumnStarts { get; }

    /// <summary>Row index of every stored entry.</summary>
    public int[] RowIndices { get; }

    /// <summary>Value of every stored entry.</summary>
    public double[] Values { get; }

    /// <summary>Lower bound of each variable.</summary>
    public double[] ColumnLower { get; }

    /// <summary>Upper bound of each variable.</summary>
    public double[] ColumnUpper { get; }

    /// <summary>Objective coefficient of each variable.</summary>
    public double[] Objective { get; }

    /// <summary>Lower bound of each row.</summary>
    public double[] RowLower { get; }

    /// <summary>Upper bound of each row.</summary>
    public double[] RowUpper { get; }

    /// <summary>True when the objective is maximized.</summary>
    public bool Maximize { get; }

    private static ArgumentException Invalid(string parameterName, string problem) => new($"{parameterName} {problem}.", parameterName);
}
