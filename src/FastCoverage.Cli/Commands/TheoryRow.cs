using FastCoverage.Theory;

namespace FastCoverage.Cli;

/// <summary>One budget's row of <c>fastcoverage theory</c>: the closed forms of Theorem 2 and Proposition 1 at k.</summary>
internal sealed record TheoryRow(
    long[] Sizes,
    long PoolSize,
    long K,
    double ExpectedCovered,
    double ExpectedCoveredLimit,
    long GreedyCovered,
    double? Rho,
    double? Misalignment,
    double? InputGeometryCovered)
{
    public double DeltaN => GreedyCovered - ExpectedCovered;

    public double DeltaLimit => GreedyCovered - ExpectedCoveredLimit;

    public double? Gap => Rho * DeltaN;

    public double? DeltaMisaligned => GreedyCovered - InputGeometryCovered;

    public static TheoryRow Compute(long[] sizes, bool equal, long k, double? rho, double? misalignment)
    {
        int r = sizes.Length;
        long poolSize = sizes.Sum();
        double covered = equal ? Occupancy.ExpectedCoveredModes(r, sizes[0], k) : Occupancy.ExpectedCoveredModes(sizes, k);
        double limit = equal ? Occupancy.ExpectedCoveredModesLimit(r, k) : Occupancy.ExpectedCoveredModesLimit(sizes, k);
        double? inputGeometry = misalignment is { } d ? Occupancy.InputGeometryCoveredModes(r, k, d) : null;
        return new TheoryRow(sizes, poolSize, k, covered, limit, Occupancy.GreedyCoveredModes(r, k), rho, misalignment, inputGeometry);
    }
}
