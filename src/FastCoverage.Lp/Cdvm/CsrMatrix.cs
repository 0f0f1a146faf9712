using CommunityToolkit.HighPerformance;

namespace FastCoverage.Lp;

/// <summary>
/// A sparse float matrix in compressed sparse rows (CSR): the entries of row i are at
/// [<see cref="RowStarts"/>[i], <see cref="RowStarts"/>[i + 1]), with strictly increasing column indices.
/// CDVM stores the attribution matrix T (n train rows × m test columns) this way.
/// </summary>
public sealed class CsrMatrix
{
    /// <summary>Creates a matrix from CSR arrays (used as given, not copied) after checking them.</summary>
    /// <param name="rowCount">Number of rows (≥ 0).</param>
    /// <param name="columnCount">Number of columns (≥ 0).</param>
    /// <param name="rowStarts">Row pointers, length rows + 1, from 0, non-decreasing.</param>
    /// <param name="columnIndices">Column of each stored entry, strictly increasing within a row.</param>
    /// <param name="values">Value of each stored entry; finite.</param>
    /// <exception cref="ArgumentException">The arrays do not form a valid CSR matrix or a value is not finite.</exception>
    public CsrMatrix(int rowCount, int columnCount, int[] rowStarts, int[] columnIndices, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentOutOfRangeException.ThrowIfNegative(columnCount);
        ArgumentNullException.ThrowIfNull(rowStarts);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rowStarts.Length != rowCount + 1 || rowStarts[0] != 0)
        {
            throw new ArgumentException($"rowStarts must have length rowCount + 1 = {rowCount + 1} and start at 0.", nameof(rowStarts));
        }

        int entries = rowStarts[rowCount];
        if (columnIndices.Length != entries || values.Length != entries)
        {
            throw new ArgumentException($"columnIndices and values must both have length rowStarts[rowCount] = {entries}.", nameof(columnIndices));
        }

        for (int i = 0; i < rowCount; i++)
        {
            if (rowStarts[i + 1] < rowStarts[i])
            {
                throw new ArgumentException($"rowStarts decreases at row {i}.", nameof(rowStarts));
            }

            int previous = -1;
            for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++)
            {
                int j = columnIndices[k];
                if (j <= previous || j >= columnCount)
                {
                    throw new ArgumentException($"columnIndices of row {i} must be strictly increasing and in [0, {columnCount}); found {j}.", nameof(columnIndices));
                }

                if (!float.IsFinite(values[k]))
                {
                    throw new ArgumentException($"values holds {values[k]} at row {i}, column {j}; values must be finite.", nameof(values));
                }

                previous = j;
            }
        }

        RowCount = rowCount;
        ColumnCount = columnCount;
        RowStarts = rowStarts;
        ColumnIndices = columnIndices;
        Values = values;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>Row pointers (length <see cref="RowCount"/> + 1).</summary>
    public int[] RowStarts { get; }

    /// <summary>Column index of every stored entry.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>Value of every stored entry.</summary>
    public float[] Values { get; }

    /// <summary>Number of stored entries.</summary>
    public int NonZeroCount => RowStarts[RowCount];

    /// <summary>The CSR form of a dense matrix, storing its nonzero entries.</summary>
    /// <exception cref="ArgumentException">The matrix holds NaN or ±Inf.</exception>
    public static CsrMatrix FromDense(ReadOnlySpan2D<float> dense)
    {
        Finite.ThrowIfNotFinite(dense, nameof(dense));
        int rows = dense.Height;
        var starts = new int[rows + 1];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = dense.GetRowSpan(i);
            int count = row.Length - System.MemoryExtensions.Count(row, 0f);
            starts[i + 1] = starts[i] + count;
        }

        var columns = new int[starts[rows]];
        var values = new float[starts[rows]];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = dense.GetRowSpan(i);
            int k = starts[i];
            for (int j = 0; j < row.Length; j++)
            {
                if (row[j] != 0f)
                {
                    columns[k] = j;
                    values[k++] = row[j];
                }
            }
        }

        return new CsrMatrix(rows, dense.Width, starts, columns, values);
    }

    /// <summary>The dense form of this matrix.</summary>
    public float[,] ToDense()
    {
        var dense = new float[RowCount, ColumnCount];
        for (int i = 0; i < RowCount; i++)
        {
            for (int k = RowStarts[i]; k < RowStarts[i + 1]; k++)
            {
                dense[i, ColumnIndices[k]] = Values[k];
            }
        }

        return dense;
    }

    /// <summary>The sum of each row, accumulated in double in column order.</summary>
    public double[] RowSums()
    {
        var sums = new double[RowCount];
        for (int i = 0; i < RowCount; i++)
        {
            double sum = 0;
            for (int k = RowStarts[i]; k < RowStarts[i + 1]; k++)
            {
                sum += Values[k];
            }

            sums[i] = sum;
        }

        return sums;
    }

    /// <summary>
    /// Keeps the largest <paramref name="percent"/> % of all RowCount × ColumnCount entries by absolute value and
    /// drops the rest (the sparsification of the paper's Appendix B.3): ⌈percent/100 · n·m⌉ entries, or all stored
    /// ones if fewer; ties at the threshold keep the entries first in row-major order.
    /// </summary>
    /// <param name="percent">Percentage in (0, 100]; 100 keeps every stored entry.</param>
    /// <exception cref="ArgumentException"><paramref name="percent"/> is outside (0, 100].</exception>
    public CsrMatrix KeepLargest(double percent)
    {
        if (!(percent > 0 && percent <= 100))
        {
            throw new ArgumentException($"percent must be in (0, 100]; got {percent}.", nameof(percent));
        }

        long target = (long)Math.Ceiling(percent / 100.0 * RowCount * (double)ColumnCount);
        int entries = NonZeroCount;
        if (target >= entries)
        {
            return this;
        }

        // Rank entries by |value| descending, then by position, and keep the first `target`.
        var order = new int[entries];
        for (int k = 0; k < entries; k++)
        {
            order[k] = k;
        }

        float[] values = Values;
        Array.Sort(order, (a, b) =>
        {
            int byMagnitude = MathF.Abs(values[b]).CompareTo(MathF.Abs(values[a]));
            return byMagnitude != 0 ? byMagnitude : a.CompareTo(b);
        });
        var keep = new bool[entries];
        for (int r = 0; r < target; r++)
        {
            keep[order[r]] = true;
        }

        var starts = new int[RowCount + 1];
        var columns = new int[target];
        var kept = new float[target];
        int next = 0;
        for (int i = 0; i < RowCount; i++)
        {
            for (int k = RowStarts[i]; k < RowStarts[i + 1]; k++)
            {
                if (keep[k])
                {
                    columns[next] = ColumnIndices[k];
                    kept[next++] = Values[k];
                }
            }

            starts[i + 1] = next;
        }

        return new CsrMatrix(RowCount, ColumnCount, starts, columns, kept);
    }
}
