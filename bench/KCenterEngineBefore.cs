using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using CommunityToolkit.HighPerformance;
using FastCoverage.Selection;

namespace FastCoverage.Bench;

/// <summary>
/// The k-center engine as it was before session 8, kept only so that benchmarks compare old and new in the same run.
/// The farthest-first traversal behind <see cref="KCenter"/>. Every point belongs to the cluster of its nearest
/// centre so far; each cluster keeps its member list and its farthest member. A new centre c only scans the clusters
/// s that the triangle inequality cannot rule out — ‖c − s‖ &lt; 2·R_s, R_s the cluster's largest min-distance — so
/// clusters far from c cost one distance between centres instead of a pass over their points.
/// </summary>
internal static unsafe class KCenterEngineBefore
{
    /// <summary>Members per parallel work item.</summary>
    private const int ChunkSize = 2048;

    /// <summary>Scanned members below which one thread does the step (parallel overhead dominates).</summary>
    private const int ParallelThreshold = 32768;

    /// <summary>Rows fetched ahead of the one being measured.</summary>
    private const int PrefetchDistance = 8;

    /// <summary>Marks a selected point in the min-distance array: below every real squared distance.</summary>
    private const float Selected = -1f;


    public static KCenterResult Run(ReadOnlySpan2D<float> points, int k, int start, bool prune, int maxDegreeOfParallelism)
    {
        int n = points.Height;
        int d = points.Width;
        var indices = new int[k];
        var radii = new float[k];
        if (k == 0)
        {
            return new KCenterResult(indices, radii);
        }

        var minDistance = new float[n];
        var owner = new int[n];
        var members = new int[k][];
        var memberCount = new int[k];
        var clusterMax = new float[k];
        var clusterArg = new int[k];
        var clusterGap = new float[k];
        var scanned = new List<int>();
        var chunks = new List<(int Cluster, int Start, int End)>();

        // Skip cluster s (member i) when gap ≥ 4·(1 + 4δ)·R_s (·mᵢ), gap = ‖c − s‖² and R_s, mᵢ squared distances, all
        // float32 with relative error ≤ δ. Then in exact arithmetic ‖c − xᵢ‖ ≥ ‖c − s‖ − ‖xᵢ − s‖ ≥ √mᵢ·(1 + 2.5δ), so the
        // float32 distance to c is ≥ mᵢ·(1 + 3δ) and would not have lowered mᵢ: the skips never change the result.
        float delta = SquaredDistance.RelativeErrorBound(d);
        float pruneFactor = prune ? 4f * (1f + (4f * delta)) : float.PositiveInfinity;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };

        fixed (float* px = &Unsafe.AsRef(in points.GetRowSpan(0).GetPinnableReference()))
        fixed (float* pMin = minDistance)
        fixed (int* pOwner = owner)
        {
            var pass = new Pass
            {
                Points = new MatrixView(px, n, d, MatrixView.StrideOf(points)),
                MinDistance = pMin,
                Owner = pOwner,
                PruneFactor = pruneFactor,
            };

            // Before the first pick, one cluster (index 0, re-created as the first centre's) holds every point.
            members[0] = new int[n];
            for (int i = 0; i < n; i++)
            {
                members[0][i] = i;
                pMin[i] = float.PositiveInfinity;
            }

            memberCount[0] = n;
            clusterMax[0] = float.PositiveInfinity;
            int next = start;
            for (int t = 0; t < k; t++)
            {
                indices[t] = next;
                float* center = pass.Points.Row(next);
                pass.Step = t;
                pass.Center = center;

                // The centre's own cluster is always scanned: the centre leaves it for the new cluster.
                int home = pOwner[next];
                scanned.Clear();
                int scannedMembers = 0;
                for (int s = 0; s < Math.Max(t, 1); s++)
                {
                    float radius = clusterMax[s];
                    if (t > 0 && s != home && radius <= 0f)
                    {
                        continue;
                    }

                    float gap = t == 0 ? 0f : SquaredDistance.Compute(center, pass.Points.Row(indices[s]), d);
                    if (s != home && gap >= pruneFactor * radius)
                    {
                        continue;
                    }

                    clusterGap[s] = gap;
                    scanned.Add(s);
                    scannedMembers += memberCount[s];
                }

                // The centre joins its own cluster, at distance "selected".
                pMin[next] = Selected;
                pOwner[next] = t;

                chunks.Clear();
                foreach (int s in scanned)
                {
                    for (int c0 = 0; c0 < memberCount[s]; c0 += ChunkSize)
                    {
                        chunks.Add((s, c0, Math.Min(memberCount[s], c0 + ChunkSize)));
                    }
                }

                Pass captured = pass;
                if (scannedMembers < ParallelThreshold || maxDegreeOfParallelism == 1)
                {
                    foreach (var (s, c0, c1) in chunks)
                    {
                        captured.Lower(members[s].AsSpan(c0, c1 - c0), clusterGap[s]);
                    }
                }
                else
                {
                    Parallel.For(0, chunks.Count, options, c =>
                    {
                        var (s, c0, c1) = chunks[c];
                        captured.Lower(members[s].AsSpan(c0, c1 - c0), clusterGap[s]);
                    });
                }

                // Move the lowered points (owner = t) into the new cluster; refresh each scanned cluster's farthest member.
                var moved = new List<int>();
                foreach (int s in scanned)
                {
                    int[] list = members[s];
                    int kept = 0;
                    float best = float.NegativeInfinity;
                    int arg = int.MaxValue;
                    for (int m = 0; m < memberCount[s]; m++)
                    {
                        int i = list[m];
                        if (pOwner[i] == t)
                        {
                            moved.Add(i);
                            continue;
                        }

                        list[kept++] = i;
                        Farther(pMin[i], i, ref best, ref arg);
                    }

                    memberCount[s] = kept;
                    clusterMax[s] = best;
                    clusterArg[s] = arg;
                }

                members[t] = moved.ToArray();
                memberCount[t] = moved.Count;
                float newBest = float.NegativeInfinity;
                int newArg = int.MaxValue;
                foreach (int i in members[t])
                {
                    Farther(pMin[i], i, ref newBest, ref newArg);
                }

                clusterMax[t] = newBest;
                clusterArg[t] = newArg;

                float farthest = float.NegativeInfinity;
                int farthestIndex = int.MaxValue;
                for (int s = 0; s <= t; s++)
                {
                    if (memberCount[s] > 0)
                    {
                        Farther(clusterMax[s], clusterArg[s], ref farthest, ref farthestIndex);
                    }
                }

                radii[t] = MathF.Sqrt(MathF.Max(0f, farthest));
                next = farthestIndex;
            }
        }

        return new KCenterResult(indices, radii);
    }

    /// <summary>Replaces (best, arg) by (value, index) if value is larger, or equal with a lower index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Farther(float value, int index, ref float best, ref int arg)
    {
        if (value > best || (value == best && index < arg))
        {
            best = value;
            arg = index;
        }
    }

    /// <summary>What a step's distance updates read and write (pointers into pinned arrays).</summary>
    private struct Pass
    {
        public MatrixView Points;
        public float* MinDistance;
        public int* Owner;
        public int Step;
        public float* Center;
        public float PruneFactor;

        /// <summary>
        /// Lowers the min distance of each listed member of one cluster to the new centre where closer, and makes the
        /// centre its owner. A member i is skipped when gap ≥ factor·mᵢ (gap = ‖c − s‖², the same triangle-inequality
        /// test as for whole clusters, applied to the member's own distance mᵢ instead of the cluster radius).
        /// </summary>
        public readonly void Lower(ReadOnlySpan<int> points, float gap)
        {
            int d = Points.Width;
            for (int m = 0; m < points.Length; m++)
            {
                // Members are scattered rows: fetch the next needed rows ahead so that the loop does not wait on memory.
                if (Sse.IsSupported && m + PrefetchDistance < points.Length)
                {
                    int ahead = points[m + PrefetchDistance];
                    if (!(gap >= PruneFactor * MinDistance[ahead]))
                    {
                        byte* row = (byte*)Points.Row(ahead);
                        for (int line = 0; line < d * sizeof(float); line += 64)
                        {
                            Sse.Prefetch0(row + line);
                        }
                    }
                }

                int i = points[m];
                float current = MinDistance[i];
                if (gap >= PruneFactor * current)
                {
                    continue;
                }

                float distance = SquaredDistance.Compute(Points.Row(i), Center, d);
                if (distance < current)
                {
                    MinDistance[i] = distance;
                    Owner[i] = Step;
                }
            }
        }
    }
}
