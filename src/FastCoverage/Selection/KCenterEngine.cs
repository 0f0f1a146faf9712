using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.Selection;

/// <summary>
/// The farthest-first traversal behind <see cref="KCenter"/>. Every point belongs to the cluster of its nearest centre
/// so far. Phase 1 (<see cref="KCenterStreamPass"/>): while picks touch a large share of the points, each pick is one
/// sequential pass over the input rows, skipping a row when the triangle inequality proves the new centre c cannot lower
/// it. Phase 2 (<see cref="KCenterClusters"/>): once a pick touches fewer than a sixteenth of the points, the rows are
/// copied cluster by cluster, and a new centre only scans the clusters s that the triangle inequality cannot rule out —
/// ‖c − s‖ &lt; 2·R_s, R_s the cluster's largest min-distance — each as a few contiguous streams.
/// </summary>
internal static unsafe class KCenterEngine
{
    /// <summary>Marks a selected point's min distance: below every real squared distance, so it never moves or wins.</summary>
    public const float Selected = -1f;

    /// <summary>Runs the traversal.</summary>
    /// <param name="points">The points, n×d, finite.</param>
    /// <param name="k">Number of centres, 1 ≤ k ≤ n (0 gives an empty result).</param>
    /// <param name="start">The first centre.</param>
    /// <param name="prune">False scans every cluster with a positive radius at every pick (the plain traversal).</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for all cores.</param>
    /// <param name="tuning">Sizes that only change the speed (tests use small ones to run the phase switch and the parallel paths on small inputs).</param>
    public static KCenterResult Run(ReadOnlySpan2D<float> points, int k, int start, bool prune, int maxDegreeOfParallelism, KCenterTuning? tuning = null)
    {
        KCenterTuning sizes = tuning ?? KCenterTuning.Default;
        if ((long)points.Height * points.Width > Array.MaxLength - 16)
        {
            // The cluster-ordered copy would not fit in one array: stay with passes over the input.
            sizes = sizes with { SwitchFraction = 0 };
        }

        int chunkSize = sizes.ChunkSize;
        int n = points.Height;
        int d = points.Width;
        var indices = new int[k];
        var radii = new float[k];
        if (k == 0)
        {
            return new KCenterResult(indices, radii);
        }

        // Skip cluster s (member i) when gap ≥ 4·(1 + 4δ)·R_s (·mᵢ), gap = ‖c − s‖² and R_s, mᵢ squared distances, all
        // float32 with relative error ≤ δ. Then in exact arithmetic ‖c − xᵢ‖ ≥ ‖c − s‖ − ‖xᵢ − s‖ ≥ √mᵢ·(1 + 2.5δ), so the
        // float32 distance to c is ≥ mᵢ·(1 + 3δ) and would not have lowered mᵢ: the skips never change the result.
        float delta = SquaredDistance.RelativeErrorBound(d);
        float pruneFactor = prune ? 4f * (1f + (4f * delta)) : float.PositiveInfinity;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        bool serial = maxDegreeOfParallelism == 1;
        var gaps = new float[k];
        var scanned = new List<int>();
        var chunks = new List<(int Cluster, int Start, int End)>();

        fixed (float* px = &Unsafe.AsRef(in points.GetRowSpan(0).GetPinnableReference()))
        fixed (float* pGaps = gaps)
        {
            var input = new MatrixView(px, n, d, MatrixView.StrideOf(points));

            // Phase 1: sequential passes over the input while the picks touch a large share of the points.
            var min = new float[n];
            var owner = new int[n];
            Array.Fill(min, float.PositiveInfinity);
            int first = StreamPicks(input, min, owner, pGaps, indices, radii, start, pruneFactor, sizes, options, serial);
            if (first == k)
            {
                return new KCenterResult(indices, radii);
            }

            // Phase 2: the points copied cluster by cluster; each later pick scans only the clusters it can change.
            using var clusters = new KCenterClusters(n, d, k);
            clusters.Gather(input, min, owner, first);
            int home = Farthest(clusters, first - 1, out float farthest);
            sizes.AfterPick?.Invoke(first - 1, clusters);
            for (int t = first; t < k; t++)
            {
                int next = clusters.ArgIndex(home);
                indices[t] = next;
                clusters.Min[clusters.ArgSlot[home]] = Selected;
                float* center = input.Row(next);
                var scan = new KCenterScan(clusters, center, pruneFactor);

                // The centre's own cluster is always scanned: its farthest member (the centre) changed.
                CenterGaps(input, indices, t, center, pGaps);
                scanned.Clear();
                int scannedMembers = 0;
                for (int s = 0; s < t; s++)
                {
                    float radius = clusters.Max[s];
                    if (s != home && (clusters.Count[s] == 0 || radius <= 0f || gaps[s] >= pruneFactor * radius))
                    {
                        continue;
                    }

                    scanned.Add(s);
                    scannedMembers += clusters.Count[s];
                }

                if (serial || scannedMembers < sizes.ParallelThreshold)
                {
                    foreach (int s in scanned)
                    {
                        for (int piece = clusters.Head[s]; piece >= 0; piece = clusters.NextPiece(piece))
                        {
                            scan.Lower(clusters.PieceStart[piece], clusters.PieceStart[piece] + clusters.PieceCount[piece], gaps[s]);
                        }
                    }
                }
                else
                {
                    LowerInParallel(scan, clusters, scanned, gaps, chunks, chunkSize, options);
                }

                clusters.Split(t, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scanned));
                home = Farthest(clusters, t, out farthest);
                radii[t] = MathF.Sqrt(MathF.Max(0f, farthest));
                sizes.AfterPick?.Invoke(t, clusters);
            }
        }

        return new KCenterResult(indices, radii);
    }

    /// <summary>
    /// Runs picks 0, 1, … as full passes over the input rows (<see cref="KCenterStreamPass"/>) until a pick computes
    /// fewer than <see cref="KCenterTuning.SwitchFraction"/>·n distances or k picks are made; returns the picks made.
    /// </summary>
    private static int StreamPicks(
        MatrixView input,
        float[] min,
        int[] owner,
        float* gaps,
        int[] indices,
        float[] radii,
        int start,
        float pruneFactor,
        KCenterTuning sizes,
        ParallelOptions options,
        bool serial)
    {
        int n = input.Height;
        int d = input.Width;
        int chunkSize = sizes.ChunkSize;
        int chunkCount = (n + chunkSize - 1) / chunkSize;
        var partial = new (float Farthest, int Index, int Computed)[chunkCount];
        int next = start;
        fixed (float* pMin = min)
        fixed (int* pOwner = owner)
        {
            for (int t = 0; t < indices.Length; t++)
            {
                indices[t] = next;
                pMin[next] = Selected;
                float* center = input.Row(next);
                CenterGaps(input, indices, t, center, gaps);

                var pass = new KCenterStreamPass(input, pMin, pOwner, gaps, center, t, pruneFactor);
                if (serial || n < sizes.ParallelThreshold)
                {
                    partial[0] = pass.Lower(0, n);
                    chunkCount = 1;
                }
                else
                {
                    Parallel.For(0, chunkCount, options, c => partial[c] = pass.Lower(c * chunkSize, Math.Min(n, (c + 1) * chunkSize)));
                }

                float farthest = float.NegativeInfinity;
                int computed = 0;
                for (int c = 0; c < chunkCount; c++)
                {
                    computed += partial[c].Computed;
                    if (partial[c].Farthest > farthest)
                    {
                        farthest = partial[c].Farthest;
                        next = partial[c].Index;
                    }
                }

                radii[t] = MathF.Sqrt(MathF.Max(0f, farthest));
                if (computed < sizes.SwitchFraction * n)
                {
                    return t + 1;
                }
            }
        }

        return indices.Length;
    }

    /// <summary>
    /// gaps[s] = ‖c − centre s‖² for s &lt; t, four centres per step; bit-identical to SquaredDistance.Compute either way
    /// round (the differences only change sign).
    /// </summary>
    private static void CenterGaps(MatrixView input, int[] indices, int t, float* center, float* gaps)
    {
        int d = input.Width;
        int s = 0;
        for (; s <= t - 4; s += 4)
        {
            SquaredDistance.ComputeFour(input.Row(indices[s]), input.Row(indices[s + 1]), input.Row(indices[s + 2]), input.Row(indices[s + 3]), center, d, gaps + s);
        }

        for (; s < t; s++)
        {
            gaps[s] = SquaredDistance.Compute(center, input.Row(indices[s]), d);
        }
    }

    /// <summary>Replaces (best, arg) by (value, index) if value is larger, or equal with a lower index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Farther(float value, int index, ref float best, ref int arg)
    {
        if (value > best || (value == best && index < arg))
        {
            best = value;
            arg = index;
            return true;
        }

        return false;
    }

    /// <summary>The cluster among 0..<paramref name="last"/> whose farthest member is farthest (lowest row index on ties).</summary>
    private static int Farthest(KCenterClusters clusters, int last, out float farthest)
    {
        farthest = float.NegativeInfinity;
        int farthestIndex = int.MaxValue;
        int cluster = 0;
        for (int s = 0; s <= last; s++)
        {
            if (clusters.Count[s] > 0 && Farther(clusters.Max[s], clusters.ArgIndex(s), ref farthest, ref farthestIndex))
            {
                cluster = s;
            }
        }

        return cluster;
    }

    /// <summary>Scans the clusters' pieces in chunks of <paramref name="chunkSize"/> members on several threads.</summary>
    private static void LowerInParallel(
        KCenterScan scan,
        KCenterClusters clusters,
        List<int> scanned,
        float[] gaps,
        List<(int Cluster, int Start, int End)> chunks,
        int chunkSize,
        ParallelOptions options)
    {
        chunks.Clear();
        foreach (int s in scanned)
        {
            for (int piece = clusters.Head[s]; piece >= 0; piece = clusters.NextPiece(piece))
            {
                int end = clusters.PieceStart[piece] + clusters.PieceCount[piece];
                for (int c0 = clusters.PieceStart[piece]; c0 < end; c0 += chunkSize)
                {
                    chunks.Add((s, c0, Math.Min(end, c0 + chunkSize)));
                }
            }
        }

        Parallel.For(0, chunks.Count, options, c =>
        {
            var (s, c0, c1) = chunks[c];
            scan.Lower(c0, c1, gaps[s]);
        });
    }
}
