namespace FastCoverage.Selection;

/// <summary>
/// Exact top-k of a row of similarities, ties by lowest index: one left-to-right pass with a binary min-heap of the
/// k best so far whose root is the worst kept entry (smallest value, then largest index). An entry replaces the root
/// only if its value is strictly larger, because an equal value met later has a larger index. O(n + k·log k·hits).
/// </summary>
internal static class TopSimilarities
{
    /// <summary>Writes the indices and values of the <paramref name="k"/> largest entries of <paramref name="row"/>, skipping index <paramref name="skip"/> (−1 for none), in no particular order.</summary>
    public static void Select(ReadOnlySpan<float> row, int k, int skip, Span<int> indices, Span<float> values)
    {
        int size = 0;
        for (int j = 0; j < row.Length; j++)
        {
            if (j == skip)
            {
                continue;
            }

            float v = row[j];
            if (size < k)
            {
                indices[size] = j;
                values[size] = v;
                SiftUp(indices, values, size++);
            }
            else if (v > values[0])
            {
                indices[0] = j;
                values[0] = v;
                SiftDown(indices, values, size);
            }
        }
    }

    /// <summary>Whether entry a is worse than entry b: smaller value, or equal value and larger index.</summary>
    private static bool Worse(Span<int> indices, Span<float> values, int a, int b) =>
        values[a] < values[b] || (values[a] == values[b] && indices[a] > indices[b]);

    private static void SiftUp(Span<int> indices, Span<float> values, int child)
    {
        while (child > 0)
        {
            int parent = (child - 1) / 2;
            if (!Worse(indices, values, child, parent))
            {
                return;
            }

            Swap(indices, values, child, parent);
            child = parent;
        }
    }

    private static void SiftDown(Span<int> indices, Span<float> values, int size)
    {
        int parent = 0;
        while (true)
        {
            int worst = parent;
            int left = (2 * parent) + 1;
            int right = left + 1;
            if (left < size && Worse(indices, values, left, worst))
            {
                worst = left;
            }

            if (right < size && Worse(indices, values, right, worst))
            {
                worst = right;
            }

            if (worst == parent)
            {
                return;
            }

            Swap(indices, values, parent, worst);
            parent = worst;
        }
    }

    private static void Swap(Span<int> indices, Span<float> values, int a, int b)
    {
        (indices[a], indices[b]) = (indices[b], indices[a]);
        (values[a], values[b]) = (values[b], values[a]);
    }
}
