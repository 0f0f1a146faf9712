namespace FastCoverage.Selection;

/// <summary>
/// Class-balanced top-k: an equal quota of the budget for every class, each filled with the class's highest scores.
/// The coverage paper's "one-line fix" (coverage-view §4): when the labels are the learner's modes, balancing the
/// same per-point scores recovers coverage; when they are not, coverage is needed.
/// </summary>
/// <remarks>
/// Quotas (water-filling). With class sizes n_c, let t be the largest integer with Σ_c min(n_c, t) ≤ k and give
/// every class q_c = min(n_c, t): an equal share, with a class smaller than its share taking all its points and its
/// unused share redistributed to the others. The r = k − Σ_c q_c remaining slots (fewer than the classes with
/// n_c &gt; t) go one each to the classes with the largest leftovers n_c − t, equal leftovers by lowest class label.
/// Equivalently: hand out the k slots one at a time, each to a class with room and the smallest quota so far,
/// ties to the largest leftover, then the lowest label. Within a class the ranking is score descending, equal
/// scores by lowest index.
/// </remarks>
public static class ClassBalancedTopK
{
    /// <summary>Selects <paramref name="k"/> points with balanced class quotas (see remarks).</summary>
    /// <param name="scores">One score per point; NaN is rejected.</param>
    /// <param name="labels">One class label per point (any integers).</param>
    /// <param name="k">How many to select, 0 ≤ k ≤ n.</param>
    /// <returns>The selected indices in global ranking order (score descending, equal scores by lower index).</returns>
    /// <exception cref="ArgumentException">Lengths differ, k is out of range, or a score is NaN.</exception>
    public static int[] Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int k)
    {
        if (labels.Length != scores.Length)
        {
            throw new ArgumentException($"labels has {labels.Length} entries but scores has {scores.Length}.", nameof(labels));
        }

        if (k < 0 || k > scores.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, n] = [0, {scores.Length}].");
        }

        ScoreOrder.ThrowIfNaN(scores, nameof(scores));
        int[] classOf = ClassIndex(labels, out int[] classSizes);
        int[] quota = Quotas(classSizes, k);

        float[] copy = scores.ToArray();
        int[] order = new int[copy.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        ScoreOrder.Sort(order, copy);
        var selected = new int[k];
        int count = 0;
        foreach (int i in order)
        {
            if (count == k)
            {
                break;
            }

            if (quota[classOf[i]] > 0)
            {
                quota[classOf[i]]--;
                selected[count++] = i;
            }
        }

        return selected;
    }

    /// <summary>The per-class quotas of the remarks for classes of sizes <paramref name="classSizes"/> (in label order).</summary>
    internal static int[] Quotas(ReadOnlySpan<int> classSizes, int k)
    {
        // Σ_c min(n_c, t) is nondecreasing in t: binary search the largest t with sum ≤ k.
        int low = 0;
        int high = 0;
        foreach (int size in classSizes)
        {
            high = Math.Max(high, size);
        }

        while (low < high)
        {
            int mid = low + ((high - low + 1) / 2);
            if (FilledAt(classSizes, mid) <= k)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        int level = low;
        var quota = new int[classSizes.Length];
        long remainder = k;
        for (int c = 0; c < quota.Length; c++)
        {
            quota[c] = Math.Min(classSizes[c], level);
            remainder -= quota[c];
        }

        if (remainder > 0)
        {
            // Classes with room, by largest leftover, then lowest label (class indices are in label order).
            var open = new List<int>();
            for (int c = 0; c < quota.Length; c++)
            {
                if (classSizes[c] > level)
                {
                    open.Add(c);
                }
            }

            int[] sizes = classSizes.ToArray();
            open.Sort((a, b) => sizes[a] != sizes[b] ? sizes[b].CompareTo(sizes[a]) : a.CompareTo(b));
            for (int r = 0; r < remainder; r++)
            {
                quota[open[r]]++;
            }
        }

        return quota;
    }

    private static long FilledAt(ReadOnlySpan<int> classSizes, int level)
    {
        long sum = 0;
        foreach (int size in classSizes)
        {
            sum += Math.Min(size, level);
        }

        return sum;
    }

    /// <summary>Maps each label to its class index in ascending label order; returns the class sizes too.</summary>
    internal static int[] ClassIndex(ReadOnlySpan<int> labels, out int[] classSizes)
    {
        int[] distinct = labels.ToArray();
        Array.Sort(distinct);
        int classes = distinct.Length == 0 ? 0 : 1;
        for (int i = 1; i < distinct.Length; i++)
        {
            if (distinct[i] != distinct[classes - 1])
            {
                distinct[classes++] = distinct[i];
            }
        }

        var classLabels = distinct.AsSpan(0, classes);
        classSizes = new int[classes];
        var classOf = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            int c = classLabels.BinarySearch(labels[i]);
            classOf[i] = c;
            classSizes[c]++;
        }

        return classOf;
    }
}
