using CommunityToolkit.HighPerformance;
using FastCoverage.Lp.Attribution;

namespace FastCoverage.Tests.Lp;

public class ClassifierAttributionTests
{
    [Theory]
    [InlineData("knn")]
    [InlineData("ridge")]
    public void Latent_mode_dataset_gives_near_zero_attribution_between_different_modes(string learnerName)
    {
        // With well-separated modes, each its own class, a test point is classified correctly exactly when the subset
        // holds a train point of its mode, which does not depend on a train point of another mode being drawn: such a
        // Tᵢⱼ is a difference of two 0/1 means with standard deviation ≤ ½·√(1/in + 1/out); the bound is 6 of those.
        const int N = 48, M = 16, Modes = 4, Models = 1200;
        var (x, y) = LatentModeData.Create(N, Modes, 1);
        var (xt, yt) = LatentModeData.Create(M, Modes, 2);
        ClassifierSubsetLearner learner = learnerName == "knn"
            ? ClassifierSubsetLearner.Knn(x, y, xt, yt, neighbors: 1)
            : ClassifierSubsetLearner.Ridge(x, y, xt, yt, lambda: 1.0);
        AttributionEstimate estimate = MaximumSampleReuse.Estimate(learner, Models, 0.08, 9);
        Span2D<float> t = estimate.Dense.Span;
        double within = 0;
        for (int i = 0; i < N; i++)
        {
            int inside = estimate.InclusionCounts[i];
            double bound = 6 * 0.5 * Math.Sqrt((1.0 / inside) + (1.0 / (Models - inside)));
            for (int j = 0; j < M; j++)
            {
                if (i % Modes != j % Modes)
                {
                    Assert.True(Math.Abs(t[i, j]) <= bound, $"{learnerName}: T[{i},{j}] = {t[i, j]} across modes exceeds {bound}");
                }
                else
                {
                    within += t[i, j];
                }
            }
        }

        // Within a mode, drawing i makes its mode present: E[T] = P(no other of the 11 mode points drawn) = 0.92¹¹ ≈ 0.40.
        Assert.InRange(within / (N * M / Modes), 0.25, 0.55);
    }
}
