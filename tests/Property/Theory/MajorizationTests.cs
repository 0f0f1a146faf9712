using FastCoverage.Tests.Infrastructure;
using FastCoverage.Theory;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Theory;

public class MajorizationTests
{
    /// <summary>
    /// Hardy–Littlewood–Pólya: x ≻ y iff the totals agree and Σ(x_i − c)₊ ≥ Σ(y_i − c)₊ for every threshold c
    /// (integer thresholds suffice for integer vectors) — independent of sorted partial sums.
    /// </summary>
    private static bool MajorizesByConvexFunctions(int[] x, int[] y)
    {
        if (x.Sum() != y.Sum())
        {
            return false;
        }

        int low = Math.Min(x.Min(), y.Min()), high = Math.Max(x.Max(), y.Max());
        for (int c = low; c <= high; c++)
        {
            if (x.Sum(v => Math.Max(v - c, 0)) < y.Sum(v => Math.Max(v - c, 0)))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly Gen<(int[] X, int[] Y)> Pairs =
        from r in Gen.Choose(1, 6)
        from x in Gen.ArrayOf(Gen.Choose(0, 5), r)
        from y in Gen.ArrayOf(Gen.Choose(0, 5), r)
        select (x, y);

    [Fact]
    public void Majorizes_agrees_with_the_Hardy_Littlewood_Polya_convex_threshold_criterion()
    {
        Properties.ForAll(Pairs.ToArbitrary(), c =>
        {
            Assert.Equal(MajorizesByConvexFunctions(c.X, c.Y), Majorization.Majorizes(c.X, c.Y));
            // Balanced pairs with equal totals, so the interesting branch is reached often.
            int[] y2 = Majorization.RobinHoodTransfer(c.X, Array.IndexOf(c.X, c.X.Max()), Array.IndexOf(c.X, c.X.Min()), (c.X.Max() - c.X.Min()) / 2);
            Assert.Equal(MajorizesByConvexFunctions(y2, c.X), Majorization.Majorizes(y2, c.X));
        }, maxTest: 300);
    }

    [Fact]
    public void Robin_Hood_transfers_keep_the_total_and_produce_a_vector_majorized_by_the_original()
    {
        var cases = from x in Gen.ArrayOf(Gen.Choose(0, 9), 4)
                    from a in Gen.Choose(0, 3)
                    from b in Gen.Choose(0, 3)
                    from fraction in Gen.Choose(0, 100)
                    select (x, a, b, fraction);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int from = c.x[c.a] >= c.x[c.b] ? c.a : c.b, to = from == c.a ? c.b : c.a;
            int amount = (c.x[from] - c.x[to]) * c.fraction / 100;
            int[] y = Majorization.RobinHoodTransfer(c.x, from, to, amount);
            Assert.Equal(c.x.Sum(), y.Sum());
            Assert.True(MajorizesByConvexFunctions(c.x, y), $"[{string.Join(',', c.x)}] does not majorize [{string.Join(',', y)}]");
        }, maxTest: 200);
    }

    [Fact]
    public void Empty_mode_count_never_increases_under_random_Robin_Hood_transfers_Schur_convexity()
    {
        var cases = from x in Gen.ArrayOf(Gen.Choose(0, 6), 5)
                    from a in Gen.Choose(0, 4)
                    from b in Gen.Choose(0, 4)
                    from fraction in Gen.Choose(1, 100)
                    select (x, a, b, fraction);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int from = c.x[c.a] >= c.x[c.b] ? c.a : c.b, to = from == c.a ? c.b : c.a;
            int amount = (int)Math.Ceiling((c.x[from] - c.x[to]) * c.fraction / 100.0);
            int[] y = Majorization.RobinHoodTransfer(c.x, from, to, amount);
            int emptyBefore = c.x.Count(v => v == 0), emptyAfter = y.Count(v => v == 0);
            Assert.Equal(emptyBefore, Majorization.EmptyModeCount(c.x));
            Assert.True(emptyAfter <= emptyBefore, $"E grew from {emptyBefore} to {emptyAfter}: [{string.Join(',', c.x)}] → [{string.Join(',', y)}]");
        }, maxTest: 300);
    }

    [Fact]
    public void Schur_checker_accepts_the_empty_mode_count_and_rejects_the_covered_mode_count_on_all_allocations()
    {
        // Every allocation of k = 6 picks to r = 4 modes.
        var allocations = new List<int[]>();
        for (int a = 0; a <= 6; a++)
        {
            for (int b = 0; a + b <= 6; b++)
            {
                for (int c = 0; a + b + c <= 6; c++)
                {
                    allocations.Add([a, b, c, 6 - a - b - c]);
                }
            }
        }

        Assert.Null(Majorization.FindSchurViolation(s => Majorization.EmptyModeCount(s), allocations));
        SchurViolation? violation = Majorization.FindSchurViolation(s => s.Count(v => v > 0), allocations);
        Assert.NotNull(violation);
        Assert.True(violation.ValueAfter > violation.ValueBefore && Majorization.Majorizes(violation.Before, violation.After));
    }

    [Fact]
    public void Robin_Hood_transfer_rejects_amounts_that_overshoot_the_gap()
    {
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => Majorization.RobinHoodTransfer([5, 1], 0, 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => Majorization.RobinHoodTransfer([1, 5], 0, 1, 1));
        Assert.Throws<ArgumentException>("y", () => Majorization.Majorizes([1, 2], [3]));
    }
}
