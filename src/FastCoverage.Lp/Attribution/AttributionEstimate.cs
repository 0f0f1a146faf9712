using CommunityToolkit.HighPerformance;

namespace FastCoverage.Lp.Attribution;

/// <summary>The MSR estimate of the attribution matrix T (n train × m test) and what comes with it for free.</summary>
public sealed class AttributionEstimate
{
    internal AttributionEstimate(float[] dense, int trainCount, int testCount, double[] banzhaf, int[] inclusionCounts, int models)
    {
        Dense = new Memory2D<float>(dense, trainCount, testCount);
        Banzhaf = banzhaf;
        InclusionCounts = inclusionCounts;
        Models = models;
    }

    /// <summary>T, n × m, row-major: Tᵢⱼ ∈ [−1, 1].</summary>
    public Memory2D<float> Dense { get; }

    /// <summary>
    /// The Data Banzhaf value of each train point by MSR (mean test accuracy over subsets with i minus over subsets
    /// without i), which equals the row mean (1/m) Σⱼ Tᵢⱼ since accuracy is the mean of per-test correctness.
    /// </summary>
    public double[] Banzhaf { get; }

    /// <summary>How many of the sampled subsets contained each train point.</summary>
    public int[] InclusionCounts { get; }

    /// <summary>The number of subsets (models) R.</summary>
    public int Models { get; }

    /// <summary>T in CSR form keeping the largest <paramref name="percent"/> % of entries by |value| (paper Appendix B.3).</summary>
    /// <param name="percent">In (0, 100]; 100 keeps every nonzero entry.</param>
    public CsrMatrix ToSparse(double percent = 100) => CsrMatrix.FromDense(Dense.Span).KeepLargest(percent);
}
