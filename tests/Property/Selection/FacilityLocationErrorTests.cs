using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Tests.Selection;

public class FacilityLocationErrorTests
{
    private static readonly float[,] Similarity = { { 1f, 0.5f, 0.2f }, { 0.5f, 1f, 0.1f } };

    private static ArgumentException Throws(Func<FacilityLocationResult> call) => Assert.ThrowsAny<ArgumentException>(() => call());

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void K_outside_zero_to_n_is_rejected_naming_k(int k)
    {
        Assert.Equal("k", Throws(() => FacilityLocation.Maximize(Similarity, k)).ParamName);
    }

    [Fact]
    public void K_larger_than_the_candidates_left_after_the_initial_subset_is_rejected()
    {
        Assert.Equal("k", Throws(() => FacilityLocation.Maximize(Similarity, 2, new FacilityLocationOptions { InitialSubset = [0, 2] })).ParamName);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(-0.25f)]
    public void Non_finite_or_negative_similarities_are_rejected_with_their_row_and_column(float bad)
    {
        var s = (float[,])Similarity.Clone();
        s[1, 2] = bad;
        var e = Throws(() => FacilityLocation.Maximize(s, 1));
        Assert.Equal("similarity", e.ParamName);
        Assert.Contains("row 1, column 2", e.Message);
    }

    [Theory]
    [InlineData(FacilityLocationOptimizer.Lazy)]
    [InlineData(FacilityLocationOptimizer.Naive)]
    [InlineData(FacilityLocationOptimizer.Stochastic)]
    public void Candidate_major_similarities_are_checked_by_every_optimizer(FacilityLocationOptimizer optimizer)
    {
        var s = (float[,])Similarity.Clone();
        s[0, 1] = -1f;
        s[1, 0] = float.NaN;
        var e = Throws(() => FacilityLocation.Maximize(s, 1, new FacilityLocationOptions { Optimizer = optimizer }, SimilarityLayout.CandidateMajor));
        Assert.Equal("similarity", e.ParamName);
        Assert.Contains("row 0, column 1", e.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(-0.25f)]
    public void Candidate_major_lazy_greedy_rejects_a_non_finite_or_negative_entry_with_its_row_and_column(float bad)
    {
        var s = (float[,])Similarity.Clone();
        s[1, 2] = bad;
        var e = Throws(() => FacilityLocation.Maximize(s, 1, null, SimilarityLayout.CandidateMajor));
        Assert.Equal("similarity", e.ParamName);
        Assert.Contains("row 1, column 2", e.Message);
    }

    [Fact]
    public void Candidate_major_lazy_greedy_accepts_finite_similarities_whose_sum_overflows()
    {
        var s = new float[,] { { float.MaxValue, float.MaxValue }, { 1f, 0f } };
        var result = FacilityLocation.Maximize(s, 1, null, SimilarityLayout.CandidateMajor);
        Assert.Equal([0], result.Indices);
    }

    [Fact]
    public void An_empty_similarity_is_rejected()
    {
        Assert.Equal("similarity", Throws(() => FacilityLocation.Maximize(new float[0, 3], 0)).ParamName);
    }

    [Theory]
    [InlineData(new[] { 3 })]
    [InlineData(new[] { -1 })]
    [InlineData(new[] { 1, 1 })]
    public void Initial_subsets_out_of_range_or_with_duplicates_are_rejected(int[] initial)
    {
        Assert.Equal("options", Throws(() => FacilityLocation.Maximize(Similarity, 1, new FacilityLocationOptions { InitialSubset = initial })).ParamName);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    public void Nonpositive_or_non_finite_costs_are_rejected(double bad)
    {
        var options = new FacilityLocationOptions { Costs = [1.0, bad, 1.0], Budget = 2 };
        Assert.Equal("options", Throws(() => FacilityLocation.Maximize(Similarity, 1, options)).ParamName);
    }

    [Fact]
    public void Costs_without_a_budget_a_wrong_cost_count_or_costs_with_stochastic_greedy_are_rejected()
    {
        Throws(() => FacilityLocation.Maximize(Similarity, 1, new FacilityLocationOptions { Costs = [1.0, 1.0, 1.0] }));
        Throws(() => FacilityLocation.Maximize(Similarity, 1, new FacilityLocationOptions { Costs = [1.0, 1.0], Budget = 1 }));
        Throws(() => FacilityLocation.Maximize(Similarity, 1, new FacilityLocationOptions { Costs = [1.0, 1.0, 1.0], Budget = -1 }));
        Throws(() => FacilityLocation.Maximize(Similarity, 1, new FacilityLocationOptions { Costs = [1.0, 1.0, 1.0], Budget = 1, Optimizer = FacilityLocationOptimizer.Stochastic }));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Stochastic_epsilon_outside_zero_one_is_rejected(double epsilon)
    {
        Throws(() => FacilityLocation.Maximize(Similarity, 1, new FacilityLocationOptions { Optimizer = FacilityLocationOptimizer.Stochastic, Epsilon = epsilon }));
    }

    [Fact]
    public void Feature_errors_are_rejected_squared_euclidean_nan_mismatched_widths_and_neighbour_counts()
    {
        var x = new float[,] { { 0f, 1f }, { 1f, 0f }, { 1f, 1f } };
        Throws(() => FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.SquaredEuclidean), 1));
        var nan = (float[,])x.Clone();
        nan[2, 1] = float.NaN;
        Assert.Contains("row 2, column 1", Throws(() => FacilityLocation.Maximize(new FeatureSimilarity(nan, Kernel.Rbf()), 1)).Message);
        Throws(() => FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf()) { Represented = new float[,] { { 1f, 2f, 3f } } }, 1));
        Throws(() => FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf()) { Storage = SimilarityStorage.NearestNeighbors, Neighbors = 3 }, 1));
        Throws(() => FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf()) { Storage = SimilarityStorage.NearestNeighbors, Neighbors = 0 }, 1));
        Throws(() => FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Rbf(-1f)), 1));
        Throws(() => FacilityLocation.Maximize(new FeatureSimilarity(new float[0, 2], Kernel.Rbf()), 0));
        Assert.Equal("k", Throws(() => FacilityLocation.Maximize(new FeatureSimilarity(x, Kernel.Cosine) { Storage = SimilarityStorage.Streaming }, 4)).ParamName);
    }
}
