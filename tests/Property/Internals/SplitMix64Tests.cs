using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Internals;

public class SplitMix64Tests
{
    [Fact]
    public void First_outputs_match_the_published_reference_implementation()
    {
        // Vigna's splitmix64.c seeded with 1234567 (the values the reference C code prints).
        ulong[] expected = [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL];
        var random = new SplitMix64(1234567UL);
        Assert.Equal(expected, expected.Select(_ => random.NextUInt64()).ToArray());
    }

    [Fact]
    public void NextInt_stays_in_range_and_NextDouble_in_the_unit_interval()
    {
        var cases = from bound in Gen.OneOf(Gen.Choose(1, 1000), Gen.Choose(int.MaxValue - 1000, int.MaxValue))
                    from seed in Gen.Choose(0, int.MaxValue)
                    select (bound, seed: (ulong)seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new SplitMix64(c.seed);
            for (int i = 0; i < 50; i++)
            {
                Assert.InRange(random.NextInt(c.bound), 0, c.bound - 1);
                double u = random.NextDouble();
                Assert.True(u >= 0.0 && u < 1.0, $"{u} is outside [0, 1)");
            }
        }, maxTest: 200);
    }

    [Fact]
    public void NextInt_is_uniform_by_chi_square_at_a_fixed_seed()
    {
        // 70000 draws from [0, 7): 10000 expected per value; χ² with 6 dof exceeds 30 with probability ≈ 4e-5.
        // The seed is fixed, so the check cannot flake.
        var counts = new double[7];
        var random = new SplitMix64(20261124UL);
        for (int i = 0; i < 70000; i++)
        {
            counts[random.NextInt(7)]++;
        }

        double chi = counts.Sum(o => (o - 10000) * (o - 10000) / 10000);
        Assert.True(chi < 30, $"χ² = {chi}");
    }

    [Fact]
    public void Permutation_is_a_permutation_and_all_orders_of_three_are_equally_likely()
    {
        // 60000 shuffles of 3 items: each of the 6 orders expected 10000 times; χ² with 5 dof above 30 has p ≈ 1.5e-5.
        var counts = new Dictionary<string, double>();
        var items = new int[3];
        for (long s = 0; s < 60000; s++)
        {
            SplitMix64.ForStream(99UL, s).Permutation(items);
            Assert.Equal([0, 1, 2], items.Order().ToArray());
            string key = string.Join(",", items);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(6, counts.Count);
        double chi = counts.Values.Sum(o => (o - 10000) * (o - 10000) / 10000);
        Assert.True(chi < 30, $"χ² = {chi}");
    }

    [Fact]
    public void ShufflePrefix_draws_distinct_values_of_the_span()
    {
        var cases = from n in Gen.Choose(0, 60)
                    from kFraction in Gen.Choose(0, 100)
                    from seed in Gen.Choose(0, int.MaxValue)
                    select (n, k: n * kFraction / 100, seed: (ulong)seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int[] values = Enumerable.Range(0, c.n).Select(i => (3 * i) + 1).ToArray();
            int[] shuffled = (int[])values.Clone();
            new SplitMix64(c.seed).ShufflePrefix(shuffled, c.k);
            Assert.Equal(values, shuffled.Order().ToArray());
        }, maxTest: 200);
    }

    [Fact]
    public void Per_index_streams_do_not_depend_on_the_order_or_thread_they_are_drawn_in()
    {
        const int streams = 2000;
        ulong[] sequential = new ulong[streams];
        for (int i = 0; i < streams; i++)
        {
            sequential[i] = SplitMix64.ForStream(7UL, i).NextUInt64();
        }

        ulong[] parallel = new ulong[streams];
        Parallel.For(0, streams, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var random = SplitMix64.ForStream(7UL, streams - 1 - i);
            parallel[streams - 1 - i] = random.NextUInt64();
        });

        Assert.Equal(sequential, parallel);
        Assert.Equal(streams, sequential.Distinct().Count());
        Assert.NotEqual(SplitMix64.ForStream(7UL, 0).NextUInt64(), SplitMix64.ForStream(8UL, 0).NextUInt64());
    }
}
