using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Kernels.MicroKernels;
using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

/// <summary>
/// The tiled kNN graph (symmetric band schedule, spatial order, SIMD threshold scan, per-row heaps, RBF distance keys)
/// against a brute-force reference: every row's kept set is its top k by (value desc, index asc) over the dense
/// similarity values, and every kept value is bitwise the dense one.
/// </summary>
public class NearestNeighborGraphTests
{
    private static readonly KernelKind[] Kinds = [KernelKind.Rbf, KernelKind.Cosine, KernelKind.Linear];

    private static readonly int[] ScanWidths = [.. new[] { 16, 8, 1 }.Where(w => w == 1 || (w == 16 ? System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated))];

    /// <summary>Continuous points, or integer grid points with many exactly equal distances and similarities.</summary>
    private static Gen<float[,]> Points(int maxN) =>
        from n in Gen.Choose(2, maxN)
        from d in Gen.Choose(1, 9)
        from tied in Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue - 2)
        select tied ? Reference.IntegerGrid(n, d, -2, 3, new Random(seed)) : Reference.RandomMatrix(n, d, seed);

    private static Gen<(float[,] X, float[,]? U, KernelKind Kind, int Neighbors, int Threads, GramMicroKernel Micro, int Width, int Cell)> Cases(bool separateRepresented, int maxN) =>
        from x in Points(maxN)
        from u in separateRepresented ? Points(maxN / 2).Select(p => (float[,]?)Resize(p, x.GetLength(1))) : Gen.Constant<float[,]?>(null)
        from kind in Gen.Elements(Kinds)
        from neighbors in Gen.Choose(1, separateRepresented ? x.GetLength(0) : x.GetLength(0) - 1)
        from threads in Gen.Elements(1, 2, 3)
        from micro in Gen.Elements(GramMicroKernels.Scalar, GramMicroKernels.Available[^1])
        from width in Gen.Elements(ScanWidths)
        from cell in Gen.Elements(4, 16, 64, 512)
        select (x, u, kind, neighbors, threads, micro, width, cell);

    [Fact]
    public void Pool_graph_keeps_each_points_exact_top_k_and_itself_with_the_dense_values()
    {
        Properties.ForAll(Cases(separateRepresented: false, maxN: 300).ToArbitrary(), c =>
        {
            float[,] s = DenseSimilarity(c.X, c.X, c.Kind, symmetric: true);
            SparseSimilaritySource graph = NearestNeighborGraph.Build(c.X, c.X, true, Kernel(c.Kind), c.Neighbors, c.Threads, c.Micro, c.Width, c.Cell);
            AssertGraph(s, c.Neighbors, graph, pool: true);
        }, maxTest: 150);
    }

    [Fact]
    public void Separate_represented_graph_keeps_each_rows_exact_top_k_with_the_dense_values()
    {
        Properties.ForAll(Cases(separateRepresented: true, maxN: 300).ToArbitrary(), c =>
        {
            float[,] s = DenseSimilarity(c.U!, c.X, c.Kind, symmetric: false);
            SparseSimilaritySource graph = NearestNeighborGraph.Build(c.X, c.U!, false, Kernel(c.Kind), c.Neighbors, c.Threads, c.Micro, c.Width, c.Cell);
            AssertGraph(s, c.Neighbors, graph, pool: false);
        }, maxTest: 80);
    }

    [Fact]
    public void Graph_does_not_depend_on_the_thread_count_the_scan_width_or_the_cell_size()
    {
        var cases = from x in Points(400)
                    from kind in Gen.Elements(Kinds)
                    from neighbors in Gen.Choose(1, x.GetLength(0) - 1)
                    select (x, kind, neighbors);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            SparseSimilaritySource one = NearestNeighborGraph.Build(c.x, c.x, true, Kernel(c.kind), c.neighbors, 1, GramMicroKernels.Default, 1, 512);
            foreach (int width in ScanWidths)
            {
                SparseSimilaritySource other = NearestNeighborGraph.Build(c.x, c.x, true, Kernel(c.kind), c.neighbors, 3, GramMicroKernels.Default, width, 8);
                for (int j = 0; j < c.x.GetLength(0); j++)
                {
                    Assert.Equal(one.Entries(j).Represented.ToArray(), other.Entries(j).Represented.ToArray());
                    Assert.Equal(one.Entries(j).Values.ToArray(), other.Entries(j).Values.ToArray());
                }
            }
        }, maxTest: 30);
    }

    [Fact]
    public void Heaps_keep_the_top_k_by_value_then_lowest_index_whatever_the_offer_order_and_batching()
    {
        var cases = from n in Gen.Choose(1, 200)
                    from values in Gen.Elements(0f, 0.25f, 0.5f, 1f, 2f, -0f).ArrayOf(n)
                    from k in Gen.Choose(1, n + 2)
                    from batches in Gen.Choose(0, 4)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (values, k, batches, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int n = c.values.Length;
            int k = Math.Min(c.k, n);
            var heaps = new NeighborHeaps(2, k, null);
            var random = new Random(c.seed);
            int[] order = [.. Enumerable.Range(0, n)];
            random.Shuffle(order);
            // The shuffled entries in pieces, each offered one by one or as one batch (Fill: into an empty heap by one
            // sort, into a non-empty one entry by entry).
            int at = 0;
            for (int piece = 0; piece <= c.batches && at < n; piece++)
            {
                int end = piece == c.batches ? n : random.Next(at, n + 1);
                if (random.Next(2) == 0)
                {
                    ulong[] batch = [.. order[at..end].Select(j => NeighborHeaps.Encode(c.values[j], j))];
                    heaps.Fill(1, batch);
                }
                else
                {
                    foreach (int j in order[at..end])
                    {
                        heaps.Offer(1, c.values[j], j);
                    }
                }

                at = end;
            }

            int[] expected = [.. Enumerable.Range(0, n).OrderByDescending(j => c.values[j]).ThenBy(j => j).Take(k).Order()];
            int[] kept = [.. heaps.Entries(1).ToArray().Select(NeighborHeaps.CandidateOf).Order()];
            Assert.Equal(expected, kept);
            Assert.Equal(0, heaps.Count(0));
            float worst = expected.Min(j => c.values[j]) + 0f;
            Assert.Equal(kept.Length == k && k > 0 ? worst : float.NegativeInfinity, heaps.Thresholds[1]);
        }, maxTest: 400);
    }

    [Fact]
    public void Exp_is_within_ten_to_the_minus_five_relative_and_the_distance_key_bound_is_conservative()
    {
        // The bound of NeighborHeaps assumes a relative error of exp far below 1e-4 on [−87, 0].
        var random = new Random(7);
        for (int t = 0; t < 200000; t++)
        {
            float x = -87f * random.NextSingle();
            double exact = Math.Exp(x);
            Assert.True(Math.Abs(ExpNonPositive.Exp(x) - exact) <= 1e-5 * exact, $"exp({x:R})");
        }

        var cases = from gammaExponent in Gen.Choose(-12, 4)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (gamma: MathF.Pow(2f, gammaExponent) * 1.37f, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var heaps = new NeighborHeaps(1, 1, c.gamma);
            var r = new Random(c.seed);
            for (int t = 0; t < 2000; t++)
            {
                float d = (float)(r.NextDouble() * 100 / c.gamma);
                float v = heaps.ValueOfKey(-d);
                // An entry whose value equals or exceeds a threshold value must pass that threshold's key bound, including
                // thresholds equal to its own value and one ulp below or above it.
                foreach (float threshold in new[] { v, MathF.BitDecrement(v), MathF.BitIncrement(v) })
                {
                    if (v >= threshold)
                    {
                        Assert.True(-d >= heaps.KeyBound(threshold), $"d={d:R} v={v:R} t={threshold:R}");
                    }
                }
            }
        }, maxTest: 50);
    }

    private static Kernel Kernel(KernelKind kind) => kind switch
    {
        KernelKind.Rbf => FastCoverage.Kernels.Kernel.Rbf(),
        KernelKind.Cosine => FastCoverage.Kernels.Kernel.Cosine,
        _ => FastCoverage.Kernels.Kernel.Linear,
    };

    private static float[,] Resize(float[,] u, int d)
    {
        var r = new float[u.GetLength(0), d];
        for (int i = 0; i < u.GetLength(0); i++)
        {
            for (int t = 0; t < d; t++)
            {
                r[i, t] = u[i, t % u.GetLength(1)] + t;
            }
        }

        return r;
    }

    /// <summary>s[i, j] for represented i and candidate j, as the dense facility-location path computes it.</summary>
    private static float[,] DenseSimilarity(float[,] u, float[,] x, KernelKind kind, bool symmetric)
    {
        var s = new float[u.GetLength(0), x.GetLength(0)];
        if (symmetric)
        {
            Gram.ComputeSymmetric(new ReadOnlySpan2D<float>(x), Kernel(kind), new Span2D<float>(s));
        }
        else
        {
            Gram.Compute(new ReadOnlySpan2D<float>(u), new ReadOnlySpan2D<float>(x), Kernel(kind), new Span2D<float>(s));
        }

        for (int i = 0; i < s.GetLength(0); i++)
        {
            for (int j = 0; j < s.GetLength(1); j++)
            {
                s[i, j] = kind switch
                {
                    KernelKind.Cosine => (s[i, j] * 0.5f) + 0.5f,
                    KernelKind.Linear => Math.Max(s[i, j], 0f),
                    _ => s[i, j],
                };
            }
        }

        return s;
    }

    /// <summary>Each represented row keeps exactly its top k (plus itself for the pool), with the dense values bitwise.</summary>
    private static void AssertGraph(float[,] s, int neighbors, SparseSimilaritySource graph, bool pool)
    {
        int m = s.GetLength(0);
        int n = s.GetLength(1);
        var kept = new List<(int Candidate, float Value)>[m];
        for (int i = 0; i < m; i++)
        {
            kept[i] = [];
        }

        Assert.Equal(n, graph.CandidateCount);
        for (int j = 0; j < n; j++)
        {
            (ReadOnlyMemory<int> rows, ReadOnlyMemory<float> values) = graph.Entries(j);
            Assert.True(rows.Span.ToArray().SequenceEqual(rows.Span.ToArray().Order()), "represented indices ascending");
            for (int e = 0; e < rows.Length; e++)
            {
                kept[rows.Span[e]].Add((j, values.Span[e]));
            }
        }

        for (int i = 0; i < m; i++)
        {
            int row = i;
            var expected = Enumerable.Range(0, n).Where(j => !pool || j != row)
                .OrderByDescending(j => s[row, j]).ThenBy(j => j).Take(neighbors).ToList();
            if (pool)
            {
                expected.Add(i);
            }

            Assert.Equal(expected.Order(), kept[i].Select(e => e.Candidate).Order());
            foreach ((int candidate, float value) in kept[i])
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(s[i, candidate] + 0f), BitConverter.SingleToInt32Bits(value + 0f));
            }
        }
    }
}
