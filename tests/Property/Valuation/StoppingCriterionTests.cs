using FastCoverage.Valuation.Stopping;

namespace FastCoverage.Tests.Valuation;

public class StoppingCriterionTests
{
    private static ValuationStatus Status(int samples, double[] values, double[] errors, int[] counts, double seconds = 0) =>
        ValuationStatus.Of(samples, TimeSpan.FromSeconds(seconds), values, errors, counts);

    private static (StoppingCheck Check, bool[] Converged) Check(StoppingCriterion criterion, ValuationStatus status)
    {
        var converged = new bool[status.PlayerCount];
        return (criterion.Check(status, converged), converged);
    }

    [Fact]
    public void Empty_or_single_sample_estimates_never_count_as_converged()
    {
        var criterion = StoppingCriterion.StandardErrorBelow(0.1, burnIn: 0);
        // No samples: the value 0 and an infinite error; one sample: a zero error that is really unknown.
        var (check, converged) = Check(criterion, Status(1, [0, 0.3], [double.PositiveInfinity, 0], [0, 1]));
        Assert.False(check.Done);
        Assert.Equal([false, false], converged);
        Assert.Equal(0, check.Completion);
    }

    [Fact]
    public void Standard_error_is_absolute_so_estimates_near_zero_converge()
    {
        var criterion = StoppingCriterion.StandardErrorBelow(0.01, burnIn: 5);
        var (check, converged) = Check(criterion, Status(10, [1e-12, -3e-15, 50], [0.01, 0.001, 0.02], [10, 10, 10]));
        Assert.Equal([true, true, false], converged);
        Assert.False(check.Done);
        Assert.Equal(2.0 / 3, check.Completion, 12);
        var (afterBurnIn, _) = Check(criterion, Status(4, [0, 0, 0], [0, 0, 0], [4, 4, 4]));
        Assert.False(afterBurnIn.Done); // within the burn-in
        Assert.True(Check(criterion, Status(5, [0, 0, 0], [0, 0, 0], [5, 5, 5])).Check.Done);
    }

    [Fact]
    public void Max_samples_reports_its_fraction_and_converges_everything_when_reached()
    {
        var criterion = StoppingCriterion.MaxSamples(40);
        var (check, converged) = Check(criterion, Status(10, [1, 2], [1, 1], [10, 10]));
        Assert.Equal(new StoppingCheck(false, 0.25), check);
        Assert.Equal([false, false], converged);
        (check, converged) = Check(criterion, Status(40, [1, 2], [1, 1], [40, 40]));
        Assert.Equal(new StoppingCheck(true, 1), check);
        Assert.Equal([true, true], converged);
    }

    [Fact]
    public void Max_time_compares_elapsed_time()
    {
        var criterion = StoppingCriterion.MaxTime(TimeSpan.FromSeconds(4));
        Assert.Equal(new StoppingCheck(false, 0.25), Check(criterion, Status(3, [0], [1], [3], seconds: 1)).Check);
        Assert.True(Check(criterion, Status(3, [0], [1], [3], seconds: 4)).Check.Done);
    }

    [Fact]
    public void And_needs_both_with_minimum_completion_and_or_needs_either_with_maximum_completion()
    {
        var errors = StoppingCriterion.StandardErrorBelow(0.1, burnIn: 2);
        var budget = StoppingCriterion.MaxSamples(20);
        var status = Status(10, [0, 0], [0.05, 0.5], [10, 10]);
        var (both, bothMask) = Check(errors & budget, status);
        Assert.Equal(new StoppingCheck(false, 0.5), both);
        Assert.Equal([false, false], bothMask);
        var (either, eitherMask) = Check(errors | budget, status);
        Assert.Equal(new StoppingCheck(false, 0.5), either);
        Assert.Equal([true, false], eitherMask);
        var late = Status(20, [0, 0], [0.05, 0.5], [20, 20]);
        Assert.False(Check(errors & budget, late).Check.Done);
        Assert.True(Check(errors | budget, late).Check.Done);
        Assert.Equal([true, true], Check(errors | budget, late).Converged);
    }

    [Fact]
    public void Rank_stability_waits_for_every_point_then_stops_when_the_ranking_repeats()
    {
        var criterion = StoppingCriterion.RankStability(interval: 5, tolerance: 0);
        // Unsampled points (all-zero estimates) must not yield a "stable" ranking.
        Assert.False(Check(criterion, Status(5, [0, 0, 0], [1, 1, 1], [0, 0, 0])).Check.Done);
        Assert.False(Check(criterion, Status(10, [0, 0, 0], [1, 1, 1], [0, 0, 0])).Check.Done);
        Assert.False(Check(criterion, Status(15, [3, 1, 2], [1, 1, 1], [15, 15, 15])).Check.Done); // first ranking
        Assert.False(Check(criterion, Status(17, [3, 1, 2], [1, 1, 1], [17, 17, 17])).Check.Done); // not yet an interval later
        Assert.False(Check(criterion, Status(20, [1, 3, 2], [1, 1, 1], [20, 20, 20])).Check.Done); // ranking changed
        var (check, converged) = Check(criterion, Status(25, [1.5, 3.5, 2], [1, 1, 1], [25, 25, 25]));
        Assert.True(check.Done);
        Assert.Equal([true, true, true], converged);
        criterion.Reset();
        Assert.False(Check(criterion, Status(30, [1.5, 3.5, 2], [1, 1, 1], [30, 30, 30])).Check.Done);
    }

    [Fact]
    public void A_too_short_mask_is_rejected()
    {
        Assert.Equal("converged", Assert.Throws<ArgumentException>(() => StoppingCriterion.MaxSamples(3).Check(Status(1, [0, 0], [1, 1], [1, 1]), new bool[1])).ParamName);
    }
}
