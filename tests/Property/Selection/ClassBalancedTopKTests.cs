using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

public class ClassBalancedTopKTests
{
    /// <summary>
    /// Reference quotas: hand out the k slots one at a time, each to a class with room and the smallest quota so far,
    /// ties to the largest leftover (size − quota), then the lowest label.
    /// </summary>
    private static SortedDictionary<int, int> SlotBySlotQuotas(int[] labels, int k)
    {
        var size = new SortedDictionary<int, int>();
        foreach (int y in labels)
        {
            size[y] = size.GetValueOrDefault(y) + 1;
        }

        var quota = size.Keys.ToDictionary(y => y, _ => 0);
        for (int slot = 0; slot < k; slot++)
        {
            int best = 0;
            bool found = false;
            foreach (int y in size.Keys)
            {
                if (quota[y] == size[y])
                {
                    continue;
                }

                if (!found || quota[y] < quota[best] || (quota[y] == quota[best] && size[y] - quota[y] > size[best] - quota[best]))
                {
                    best = y;
                    found = true;
                }
            }

            quota[best]++;
        }

        return new SortedDictionary<int, int>(quota);
    }

    [Fact]
    public void Quotas_are_exact_and_each_class_takes_its_top_scores_in_ranking_order()
    {
        var cases = from n in Gen.Choose(0, 40)
                    from labels in Gen.Choose(-2, 4).ArrayOf(n)
                    from scores in Gen.Elements(-1f, 0f, 1f, 2f, float.PositiveInfinity).ArrayOf(n)
                    from kFraction in Gen.Choose(0, 100)
                    select (labels, scores, k: n * kFraction / 100);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int[] selected = ClassBalancedTopK.Select(c.scores, c.labels, c.k);
            SortedDictionary<int, int> quota = SlotBySlotQuotas(c.labels, c.k);

            var counts = quota.Keys.ToDictionary(y => y, _ => 0);
            foreach (int i in selected)
            {
                counts[c.labels[i]]++;
            }

            foreach (int y in quota.Keys)
            {
                Assert.Equal(quota[y], counts[y]);
                var expectedInClass = TopKTests.NaiveRanking(c.scores, quota[y], i => c.labels[i] == y);
                Assert.Equal(expectedInClass, selected.Where(i => c.labels[i] == y));
            }

            var globalOrder = TopKTests.NaiveRanking(c.scores, c.scores.Length, _ => true);
            Assert.Equal(globalOrder.Where(selected.Contains), selected);
        }, maxTest: 200);
    }

    [Fact]
    public void Equal_class_sizes_get_floor_of_k_over_classes_plus_one_for_the_lowest_labels()
    {
        int[] labels = [5, 3, 7, 5, 3, 7, 5, 3, 7, 5, 3, 7];
        float[] scores = new float[labels.Length];
        int[] selected = ClassBalancedTopK.Select(scores, labels, 5);
        Assert.Equal(2, selected.Count(i => labels[i] == 3));
        Assert.Equal(2, selected.Count(i => labels[i] == 5));
        Assert.Equal(1, selected.Count(i => labels[i] == 7));
    }

    [Fact]
    public void A_small_class_gives_its_unused_share_to_the_others()
    {
        int[] labels = [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2];
        float[] scores = Enumerable.Range(0, labels.Length).Select(i => (float)i).ToArray();
        int[] selected = ClassBalancedTopK.Select(scores, labels, 9);
        Assert.Equal(1, selected.Count(i => labels[i] == 0));
        Assert.Equal(4, selected.Count(i => labels[i] == 1));
        Assert.Equal(4, selected.Count(i => labels[i] == 2));
    }

    [Fact]
    public void Bad_input_throws_argument_exception_naming_the_parameter()
    {
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => ClassBalancedTopK.Select(new float[3], new int[2], 1)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => ClassBalancedTopK.Select(new float[3], new int[3], 4)).ParamName);
        Assert.Equal("scores", Assert.ThrowsAny<ArgumentException>(() => ClassBalancedTopK.Select([float.NaN], [0], 1)).ParamName);
    }
}
