using FastCoverage.Selection;

namespace FastCoverage.Tests.Selection;

/// <summary>Lazy greedy's queue order against a LINQ sort, with many equal scores.</summary>
public class LazyPriorityTests
{
    [Fact]
    public void A_priority_queue_of_lazy_priorities_dequeues_by_score_descending_then_index_ascending()
    {
        var random = new Random(61);
        (int Index, double Score)[] items = [.. Enumerable.Range(0, 500).Select(i => (i, (double)random.Next(20) / 4))];
        random.Shuffle(items);
        var queue = new PriorityQueue<int, LazyPriority>(items.Select(e => (e.Index, new LazyPriority(e.Score, e.Index))));
        int[] expected = [.. items.OrderByDescending(e => e.Score).ThenBy(e => e.Index).Select(e => e.Index)];
        int[] dequeued = [.. Enumerable.Range(0, items.Length).Select(_ => queue.Dequeue())];
        Assert.Equal(expected, dequeued);
    }
}
