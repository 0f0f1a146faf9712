using FastCoverage.Selection;

namespace FastCoverage.Tests.Selection;

/// <summary>Lazy greedy's queue against a sorted list: score descending, then index ascending, with many equal scores.</summary>
public class LazyQueueTests
{
    [Fact]
    public void Building_at_once_dequeues_by_score_descending_then_index_ascending()
    {
        var random = new Random(61);
        foreach (int n in new[] { 0, 1, 2, 3, 4, 5, 6, 17, 64, 65, 500 })
        {
            (int Index, double Score)[] items = [.. Enumerable.Range(0, n).Select(i => (i, (double)random.Next(20) / 4))];
            random.Shuffle(items);
            var queue = new LazyQueue(items);
            Assert.Equal(n, queue.Count);
            int[] expected = [.. items.OrderByDescending(e => e.Score).ThenBy(e => e.Index).Select(e => e.Index)];
            int[] dequeued = [.. Enumerable.Range(0, n).Select(_ => queue.Dequeue())];
            Assert.Equal(expected, dequeued);
            Assert.False(queue.TryPeek(out _, out _));
            Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
        }
    }

    [Fact]
    public void Interleaved_enqueues_and_dequeues_match_a_sorted_reference()
    {
        var random = new Random(67);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = 1 + random.Next(300);
            (int Index, double Score)[] start = [.. Enumerable.Range(0, n).Select(i => (i, (double)random.Next(8)))];
            var queue = new LazyQueue(start);
            var reference = new List<(int Index, double Score)>(start);
            int next = n;
            for (int step = 0; step < 4 * n; step++)
            {
                if (reference.Count > 0 && random.Next(3) != 0)
                {
                    (int Index, double Score) first = reference.OrderByDescending(e => e.Score).ThenBy(e => e.Index).First();
                    Assert.True(queue.TryPeek(out int peeked, out double score));
                    Assert.Equal(first.Index, peeked);
                    Assert.Equal(first.Score, score);
                    Assert.Equal(first.Index, queue.Dequeue());
                    reference.Remove(first);
                }
                else
                {
                    // Lazy greedy re-enqueues with lower or equal scores; any score must work.
                    double score = random.Next(3) == 0 ? random.Next(8) : random.NextDouble() * 8;
                    queue.Enqueue(next, score);
                    reference.Add((next, score));
                    next++;
                }

                Assert.Equal(reference.Count, queue.Count);
            }
        }
    }
}
