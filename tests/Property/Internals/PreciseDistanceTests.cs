using FastCoverage.Tests.Infrastructure;
using FastCoverage.Valuation;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Internals;

public class PreciseDistanceTests
{
    [Fact]
    public void Learner_utility_and_shapley_distances_agree_bit_for_bit_and_match_the_naive_double_sum()
    {
        // Any dimension (vector body plus tail) and 1–6 queries (the 4-query batch plus leftovers).
        var cases = from n in Gen.Choose(1, 12)
                    from d in Gen.Choose(1, 19)
                    from queries in Gen.Choose(1, 6)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, queries, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] train = Reference.RandomMatrix(c.n, c.d, c.seed, scale: 3f);
            float[,] valid = Reference.RandomMatrix(c.queries, c.d, c.seed + 1, scale: 3f);
            double[] widened = new double[c.queries * c.d];
            for (int q = 0; q < c.queries; q++)
            {
                for (int k = 0; k < c.d; k++)
                {
                    widened[(q * c.d) + k] = valid[q, k];
                }
            }

            var batched = new double[c.queries * c.n];
            unsafe
            {
                fixed (float* pt = train)
                fixed (double* pq = widened)
                {
                    ExactNeighbourOrder.SquaredDistances(pq, c.queries, c.d, new MatrixView(pt, c.n, c.d, c.d), batched);
                }
            }

            for (int q = 0; q < c.queries; q++)
            {
                for (int j = 0; j < c.n; j++)
                {
                    double spans = PreciseDistance.SquaredEuclidean(Row(valid, q), Row(train, j));
                    Assert.Equal(spans, batched[(q * c.n) + j]);
                    double naive = Reference.SquaredDistance(valid, q, train, j);
                    Assert.True(Math.Abs(spans - naive) <= 1e-12 * Math.Max(1.0, naive), $"{spans} vs naive {naive}");
                }
            }
        }, maxTest: 100);
    }

    private static float[] Row(float[,] m, int i) => Enumerable.Range(0, m.GetLength(1)).Select(k => m[i, k]).ToArray();
}
