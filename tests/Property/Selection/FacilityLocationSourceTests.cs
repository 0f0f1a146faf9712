using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

public class FacilityLocationSourceTests
{
    private static readonly KernelKind[] SimilarityKernels = [KernelKind.Rbf, KernelKind.Cosine, KernelKind.Linear];

    private static Gen<(float[,] X, float[,]? U, KernelKind Kind, int K, FacilityLocationOptimizer Optimizer)> FeatureCases(bool separateRepresented) =>
        from n in Gen.Choose(2, 40)
        from m in Gen.Choose(1, 30)
        from d in Gen.Choose(1, 9)
        from kind in Gen.Elements(SimilarityKernels)
        from k in Gen.Choose(0, n)
        from optimizer in Gen.Elements(FacilityLocationOptimizer.Lazy, FacilityLocationOptimizer.Naive)
        from seed in Gen.Choose(0, int.MaxValue - 2)
        select (Reference.RandomMatrix(n, d, seed), separateRepresented ? Reference.RandomMatrix(m, d, seed + 1) : null, kind, k, optimizer);

    /// <summary>The nonnegative similarity the library documents, from a double kernel: RBF as is, (1 + cos)/2, max(⟨x, y⟩, 0).</summary>
    private static double[,] ReferenceSimilarity(float[,] u, float[,] x, KernelKind kind)
    {
        int m = u.GetLength(0);
        int n = x.GetLength(0);
        int d = x.GetLength(1);
        var s = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double dot = Reference.Dot(u, i, x, j);
                s[i, j] = kind switch
                {
                    KernelKind.Rbf => Math.Exp(-Reference.SquaredDistance(u, i, x, j) / d),
                    KernelKind.Cosine => (1 + (dot / Math.Sqrt(Reference.Dot(u, i, u, i) * Reference.Dot(x, j, x, j)))) / 2,
                    _ => Math.Max(dot, 0),
                };
            }
        }

        return s;
    }

    private static FacilityLocationResult Select(float[,] x, float[,]? u, KernelKind kind, SimilarityStorage storage, int k, FacilityLocationOptimizer optimizer, int neighbors = 1) =>
        FacilityLocation.Maximize(
            new FeatureSimilarity(new ReadOnlyMemory2D<float>(x), new Kernel(kind)) { Represented = u is null ? default : new ReadOnlyMemory2D<float>(u), Storage = storage, Neighbors = neighbors },
            k,
            new FacilityLocationOptions { Optimizer = optimizer });

    /// <summary>Two float selections agree up to the first near-tie of the reference greedy on the double similarity.</summary>
    private static void AssertSameSelection(double[,] s, int k, FacilityLocationResult expected, FacilityLocationResult actual, double tolerance)
    {
        int steps = FacilityLocationReference.AssertSameUntilNearTie(s, k, expected.Indices, expected.Gains, tolerance);
        Assert.Equal(expected.Indices.Take(steps), actual.Indices.Take(steps));
        for (int t = 0; t < steps; t++)
        {
            Assert.Equal(expected.Gains[t], actual.Gains[t], tolerance);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dense_features_selection_matches_the_reference_greedy_on_the_documented_nonnegative_similarity(bool separateRepresented)
    {
        Properties.ForAll(FeatureCases(separateRepresented).ToArbitrary(), c =>
        {
            double[,] s = ReferenceSimilarity(c.U ?? c.X, c.X, c.Kind);
            var result = Select(c.X, c.U, c.Kind, SimilarityStorage.Dense, c.K, c.Optimizer);
            double scale = c.Kind == KernelKind.Linear ? 10 : 1;
            FacilityLocationReference.AssertSameUntilNearTie(s, c.K, result.Indices, result.Gains, 1e-4 * scale * s.GetLength(0));
        }, maxTest: 60);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Dense_features_storage_rented_from_a_pool_full_of_garbage_still_matches_the_reference_greedy(bool separateRepresented)
    {
        // The dense Gram storage comes from the shared array pool and is not cleared: every entry must be written. Fill
        // the arrays the pool will hand out with huge values first; an unwritten entry would then dominate some gain.
        Properties.ForAll(FeatureCases(separateRepresented).ToArbitrary(), c =>
        {
            int entries = c.X.GetLength(0) * (c.U ?? c.X).GetLength(0);
            float[] poisoned = System.Buffers.ArrayPool<float>.Shared.Rent(entries);
            Array.Fill(poisoned, 1e30f);
            System.Buffers.ArrayPool<float>.Shared.Return(poisoned);
            double[,] s = ReferenceSimilarity(c.U ?? c.X, c.X, c.Kind);
            var result = Select(c.X, c.U, c.Kind, SimilarityStorage.Dense, c.K, c.Optimizer);
            double scale = c.Kind == KernelKind.Linear ? 10 : 1;
            FacilityLocationReference.AssertSameUntilNearTie(s, c.K, result.Indices, result.Gains, 1e-4 * scale * s.GetLength(0));
        }, maxTest: 30);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Memory_bounded_streaming_selection_equals_the_dense_selection(bool separateRepresented)
    {
        Properties.ForAll(FeatureCases(separateRepresented).ToArbitrary(), c =>
        {
            var dense = Select(c.X, c.U, c.Kind, SimilarityStorage.Dense, c.K, c.Optimizer);
            var streaming = Select(c.X, c.U, c.Kind, SimilarityStorage.Streaming, c.K, c.Optimizer);
            double scale = c.Kind == KernelKind.Linear ? 10 : 1;
            AssertSameSelection(ReferenceSimilarity(c.U ?? c.X, c.X, c.Kind), c.K, dense, streaming, 1e-4 * scale * (c.U ?? c.X).GetLength(0));
        }, maxTest: 60);
    }

    [Fact]
    public void Memory_bounded_streaming_selection_equals_the_dense_selection_with_many_chunks_a_spatial_order_and_skips()
    {
        var cases = from n in Gen.Choose(600, 900)
                    from k in Gen.Choose(1, 8)
                    from kind in Gen.Elements(KernelKind.Rbf, KernelKind.Cosine)
                    from optimizer in Gen.Elements(FacilityLocationOptimizer.Lazy, FacilityLocationOptimizer.Naive)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (X: SimilarityInstances.Blobs(n, 4, 7, seed), K: k, Kind: kind, Optimizer: optimizer);
        int compared = 0;
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var dense = Select(c.X, null, c.Kind, SimilarityStorage.Dense, c.K, c.Optimizer);
            var streaming = Select(c.X, null, c.Kind, SimilarityStorage.Streaming, c.K, c.Optimizer);
            double[,] s = ReferenceSimilarity(c.X, c.X, c.Kind);
            double tolerance = 1e-5 * c.X.GetLength(0);
            int steps = FacilityLocationReference.AssertSameUntilNearTie(s, c.K, streaming.Indices, streaming.Gains, tolerance);
            Assert.Equal(dense.Indices.Take(steps), streaming.Indices.Take(steps));
            compared += steps;
        }, maxTest: 8);
        Assert.True(compared > 0, "every case stopped at a near-tie before its first pick");
    }

    [Fact]
    public void Streaming_lazy_and_naive_greedy_pick_identically_including_the_block_and_single_column_paths()
    {
        // n ≥ 16 so that the all-candidate passes go through blocks of Gram rows and lazy re-evaluations through gathered
        // rows; n ≥ 600 for several chunks of U, its spatial order, the symmetric first pass and skipped pieces.
        var cases = from large in Gen.Elements(false, false, true)
                    from n in large ? Gen.Choose(600, 1100) : Gen.Choose(16, 60)
                    from k in Gen.Choose(1, 12)
                    from kind in Gen.Elements(KernelKind.Rbf, KernelKind.Cosine)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (SimilarityInstances.Blobs(n, large ? 4 : 5, large ? 7 : 4, seed), k, kind);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var naive = Select(c.Item1, null, c.kind, SimilarityStorage.Streaming, c.k, FacilityLocationOptimizer.Naive);
            var lazy = Select(c.Item1, null, c.kind, SimilarityStorage.Streaming, c.k, FacilityLocationOptimizer.Lazy);
            Assert.Equal(naive.Indices, lazy.Indices);
            Assert.Equal(naive.Gains, lazy.Gains);
        }, maxTest: 40);
    }

    [Fact]
    public void Nearest_neighbour_selection_with_n_minus_one_neighbours_equals_the_dense_selection()
    {
        Properties.ForAll(FeatureCases(separateRepresented: false).ToArbitrary(), c =>
        {
            int n = c.X.GetLength(0);
            var dense = Select(c.X, null, c.Kind, SimilarityStorage.Dense, c.K, c.Optimizer);
            var sparse = Select(c.X, null, c.Kind, SimilarityStorage.NearestNeighbors, c.K, c.Optimizer, neighbors: n - 1);
            double scale = c.Kind == KernelKind.Linear ? 10 : 1;
            AssertSameSelection(ReferenceSimilarity(c.X, c.X, c.Kind), c.K, dense, sparse, 1e-4 * scale * n);
        }, maxTest: 60);
    }

    [Fact]
    public void Nearest_neighbour_selection_matches_the_reference_greedy_on_an_independently_truncated_similarity()
    {
        var cases = from c in FeatureCases(separateRepresented: false)
                    from neighbors in Gen.Choose(1, c.X.GetLength(0) - 1)
                    select (c, neighbors);
        Properties.ForAll(cases.ToArbitrary(), t =>
        {
            var c = t.c;
            double[,] s = FacilityLocationReference.NearestNeighborTruncation(ReferenceSimilarity(c.X, c.X, KernelKind.Rbf), t.neighbors);
            var result = Select(c.X, null, KernelKind.Rbf, SimilarityStorage.NearestNeighbors, c.K, c.Optimizer, t.neighbors);
            FacilityLocationReference.AssertSameUntilNearTie(s, c.K, result.Indices, result.Gains, 1e-4 * c.X.GetLength(0));
        }, maxTest: 60);
    }

    [Fact]
    public void Lazy_and_naive_greedy_pick_identically_on_the_nearest_neighbour_similarity()
    {
        var cases = from n in Gen.Choose(3, 80)
                    from neighbors in Gen.Choose(1, n - 1)
                    from k in Gen.Choose(0, n)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (SimilarityInstances.Blobs(n, 3, 5, seed), neighbors, k);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var naive = Select(c.Item1, null, KernelKind.Rbf, SimilarityStorage.NearestNeighbors, c.k, FacilityLocationOptimizer.Naive, c.neighbors);
            var lazy = Select(c.Item1, null, KernelKind.Rbf, SimilarityStorage.NearestNeighbors, c.k, FacilityLocationOptimizer.Lazy, c.neighbors);
            Assert.Equal(naive.Indices, lazy.Indices);
            Assert.Equal(naive.Gains, lazy.Gains);
        }, maxTest: 40);
    }
}
