using System.Runtime.CompilerServices;

namespace FastCoverage.Selection;

/// <summary>
/// Lazy greedy's priority queue: candidates ordered by score descending, then index ascending (so every two entries
/// compare unequal and the dequeue order is unique). A 4-ary implicit heap of (score, index) pairs, like
/// <see cref="PriorityQueue{TElement, TPriority}"/>, but with the comparison inlined and the operations compiled fully
/// optimized at once: a selection performs a few hundred thousand of them, most within its first call.
/// </summary>
/// <remarks>Scores must not be NaN (gains and gain/cost ratios are finite).</remarks>
internal sealed class LazyQueue
{
    private const int Arity = 4;
    private const int Log2Arity = 2;

    private Entry[] heap;
    private int count;

    /// <summary>Builds the heap from the entries at once (O(n)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LazyQueue(ReadOnlySpan<(int Index, double Score)> entries)
    {
        heap = new Entry[Math.Max(entries.Length, Arity)];
        for (int t = 0; t < entries.Length; t++)
        {
            heap[t] = new Entry(entries[t].Score, entries[t].Index);
        }

        count = entries.Length;
        if (count > 1)
        {
            for (int node = (count - 2) >> Log2Arity; node >= 0; node--)
            {
                MoveDown(heap[node], node);
            }
        }
    }

    /// <summary>How many candidates wait.</summary>
    public int Count => count;

    /// <summary>The first candidate and its score, if any.</summary>
    public bool TryPeek(out int index, out double score)
    {
        if (count == 0)
        {
            index = -1;
            score = 0;
            return false;
        }

        index = heap[0].Index;
        score = heap[0].Score;
        return true;
    }

    /// <summary>Removes and returns the first candidate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Dequeue()
    {
        if (count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        int first = heap[0].Index;
        count--;
        if (count > 0)
        {
            MoveDown(heap[count], 0);
        }

        return first;
    }

    /// <summary>Adds a candidate with its score.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Enqueue(int index, double score)
    {
        if (count == heap.Length)
        {
            Array.Resize(ref heap, 2 * heap.Length);
        }

        var entry = new Entry(score, index);
        int node = count++;
        while (node > 0)
        {
            int parent = (node - 1) >> Log2Arity;
            if (!Before(entry, heap[parent]))
            {
                break;
            }

            heap[node] = heap[parent];
            node = parent;
        }

        heap[node] = entry;
    }

    /// <summary>Whether a comes before b: the higher score, or at an equal score the lower index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(Entry a, Entry b) => a.Score > b.Score || (a.Score == b.Score && a.Index < b.Index);

    /// <summary>Places <paramref name="entry"/> at <paramref name="node"/> or below, moving earlier children up.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MoveDown(Entry entry, int node)
    {
        Entry[] h = heap;
        int n = count;
        while (true)
        {
            int child = (node << Log2Arity) + 1;
            if (child >= n)
            {
                break;
            }

            int end = Math.Min(child + Arity, n);
            int best = child;
            for (int c = child + 1; c < end; c++)
            {
                if (Before(h[c], h[best]))
                {
                    best = c;
                }
            }

            if (!Before(h[best], entry))
            {
                break;
            }

            h[node] = h[best];
            node = best;
        }

        h[node] = entry;
    }

    private readonly record struct Entry(double Score, int Index);
}
