using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.Selection;

/// <summary>Argument checks of <see cref="FacilityLocation"/>: k, options, the initial subset and dense similarities.</summary>
internal static class FacilityLocationValidation
{
    /// <summary>The initial subset as an array, checked to be distinct indices in [0, n).</summary>
    public static int[] InitialSubset(IReadOnlyList<int>? subset, int n)
    {
        if (subset is null)
        {
            return [];
        }

        var seen = new bool[n];
        int[] result = [.. subset];
        foreach (int j in result)
        {
            if (j < 0 || j >= n)
            {
                throw new ArgumentException($"The initial subset holds index {j}, outside [0, {n}).", "options");
            }

            if (seen[j])
            {
                throw new ArgumentException($"The initial subset holds index {j} twice.", "options");
            }

            seen[j] = true;
        }

        return result;
    }

    public static void Check(FacilityLocationOptions options, int k, int n, int initialCount)
    {
        if (k < 0 || k > n - initialCount)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, {n - initialCount}]: {n} candidates, {initialCount} already in the initial subset.");
        }

        if (!Enum.IsDefined(options.Optimizer))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer.");
        }

        if (options.Optimizer == FacilityLocationOptimizer.Stochastic && !(options.Epsilon > 0 && options.Epsilon < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Epsilon, "Epsilon of stochastic greedy must be in (0, 1).");
        }

        if (options.MaxDegreeOfParallelism == 0 || options.MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be -1 or positive.");
        }

        if ((options.Costs is null) != (options.Budget is null))
        {
            throw new ArgumentException("Costs and Budget go together: give both for cost-benefit greedy, or neither.", nameof(options));
        }

        if (options.Costs is { } costs)
        {
            if (options.Optimizer == FacilityLocationOptimizer.Stochastic)
            {
                throw new ArgumentException("Costs and a budget are supported by the lazy and naive optimizers, not stochastic greedy.", nameof(options));
            }

            if (costs.Count != n)
            {
                throw new ArgumentException($"There are {costs.Count} costs for {n} candidates.", nameof(options));
            }

            for (int j = 0; j < n; j++)
            {
                if (!double.IsFinite(costs[j]) || costs[j] <= 0)
                {
                    throw new ArgumentException($"The cost of candidate {j} is {costs[j]}; costs must be finite and positive.", nameof(options));
                }
            }

            if (!double.IsFinite(options.Budget!.Value) || options.Budget.Value <= 0)
            {
                throw new ArgumentException($"The budget is {options.Budget.Value}; it must be finite and positive.", nameof(options));
            }
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first row and column of a NaN, ±Inf or negative similarity.
    /// One pass per row (its minimum and maximum), rows checked in parallel.
    /// </summary>
    public static void ThrowIfNotFiniteOrNegative(ReadOnlyMemory2D<float> matrix, string parameterName, int maxDegreeOfParallelism) =>
        CheckRows(matrix, parameterName, maxDegreeOfParallelism, gainsAtZeroCoverage: null);

    /// <summary>
    /// <see cref="ThrowIfNotFiniteOrNegative"/> fused with lazy greedy's first pass on a candidate-major matrix: each row
    /// is checked and its gain against zero coverage computed by the same gain kernel the optimizers use (in one read of
    /// the row with <paramref name="pendingLists"/>, then also listing its entries above the threshold; otherwise the sum
    /// reads the row again while it is in cache), so the matrix is read from memory once.
    /// </summary>
    /// <param name="candidateMajor">One row per candidate (or per stored row).</param>
    /// <param name="parameterName">The name errors report.</param>
    /// <param name="maxDegreeOfParallelism">Threads.</param>
    /// <param name="pendingLists">
    /// Where to make each row's pending list of its entries above <paramref name="listThreshold"/>
    /// (<see cref="LiveEntries.MakePending"/>), collected in the same pass, or <see langword="null"/>.
    /// </param>
    /// <param name="listThreshold">θ of the pending lists.</param>
    public static float[] CheckRowsAndGainsAtZeroCoverage(ReadOnlyMemory2D<float> candidateMajor, string parameterName, int maxDegreeOfParallelism, LiveEntries? pendingLists = null, float listThreshold = 0f)
    {
        float[] gains = new float[candidateMajor.Height];
        CheckRows(candidateMajor, parameterName, maxDegreeOfParallelism, gains, pendingLists, listThreshold);
        return gains;
    }

    private static void CheckRows(ReadOnlyMemory2D<float> matrix, string parameterName, int maxDegreeOfParallelism, float[]? gainsAtZeroCoverage, LiveEntries? pendingLists = null, float listThreshold = 0f)
    {
        int bad = int.MaxValue;
        float[] zeros = gainsAtZeroCoverage is null ? [] : new float[matrix.Width];
        // The body runs once per row from the first call on: compiled fully optimized at once.
        Parallel.For(0, matrix.Height, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i) =>
        {
            ReadOnlySpan<float> row = matrix.Span.GetRowSpan(i);
            bool nonnegative;
            float gain;
            if (pendingLists is not null && gainsAtZeroCoverage is not null)
            {
                // One read of the row: checked, summed and listed together.
                gain = GainMakingPendingList(row, zeros, i, pendingLists, listThreshold, out nonnegative);
            }
            else
            {
                // With every entry ≥ 0 the gain at zero coverage is finite exactly when no entry is +∞ (barring an
                // overflow of the sum, which the Max pass then tells apart), so the common case reads the row twice, not
                // three times.
                nonnegative = AllNonnegative(row);
                gain = !nonnegative || gainsAtZeroCoverage is null ? float.PositiveInfinity : FacilityGainKernel.Sum(row, zeros);
            }

            if (!nonnegative || (gain == float.PositiveInfinity && TensorPrimitives.Max(row) == float.PositiveInfinity))
            {
                int seen;
                while (i < (seen = Volatile.Read(ref bad)) && Interlocked.CompareExchange(ref bad, i, seen) != seen)
                {
                }
            }
            else if (gainsAtZeroCoverage is not null)
            {
                gainsAtZeroCoverage[i] = gain;
            }
        });
        if (bad == int.MaxValue)
        {
            return;
        }

        ReadOnlySpan<float> badRow = matrix.Span.GetRowSpan(bad);
        for (int j = 0; j < badRow.Length; j++)
        {
            if (!float.IsFinite(badRow[j]) || badRow[j] < 0f)
            {
                throw new ArgumentException($"{parameterName} holds {badRow[j]} at row {bad}, column {j}; similarities must be finite and nonnegative.", parameterName);
            }
        }
    }

    /// <summary>The gain at zero coverage of a checked nonnegative row, making its pending list on the way (when short enough).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float GainMakingPendingList(ReadOnlySpan<float> row, ReadOnlySpan<float> zeros, int index, LiveEntries lists, float threshold, out bool nonnegative)
    {
        int limit = lists.MaximumLength;
        int[] kept = System.Buffers.ArrayPool<int>.Shared.Rent(limit + GainAccumulator512.BlockLength);
        float[] keptValues = System.Buffers.ArrayPool<float>.Shared.Rent(limit + GainAccumulator512.BlockLength);
        try
        {
            float gain = FacilityGainKernel.SumAtZeroCoverageCollectingAbove(row, zeros, threshold, kept, keptValues, limit, out int count, out nonnegative);
            if (nonnegative && count <= limit)
            {
                lists.MakePending(index, kept.AsSpan(0, count), keptValues.AsSpan(0, count), threshold, gain);
            }

            return gain;
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(kept);
            System.Buffers.ArrayPool<float>.Shared.Return(keptValues);
        }
    }

    /// <summary>
    /// Whether every entry is ≥ 0 (a NaN is not). Compiled fully optimized at once: the first pass of a selection runs it
    /// over the whole matrix, before tiered compilation would have promoted it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool AllNonnegative(ReadOnlySpan<float> values)
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        nuint length = (nuint)values.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> bad = Vector512<float>.Zero;
            for (; i + (nuint)Vector512<float>.Count <= length; i += (nuint)Vector512<float>.Count)
            {
                // x ≥ 0 is false for a negative entry and for NaN.
                bad |= ~Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref v, i), Vector512<float>.Zero);
            }

            if (bad != Vector512<float>.Zero)
            {
                return false;
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> bad = Vector256<float>.Zero;
            for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
            {
                bad |= ~Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref v, i), Vector256<float>.Zero);
            }

            if (bad != Vector256<float>.Zero)
            {
                return false;
            }
        }

        for (; i < length; i++)
        {
            if (!(Unsafe.Add(ref v, i) >= 0f))
            {
                return false;
            }
        }

        return true;
    }
}
