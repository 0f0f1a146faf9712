using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance;

namespace FastCoverage.Selection;

/// <summary>
/// The farthest-first traversal behind <see cref="KCenter"/>: a min-squared-distance array, the owning centre of
/// each point, and per-block maxima so that the next centre is found without a pass over all n distances.
/// </summary>
internal static unsafe class KCenterEngine
{
    /// <summary>Points per parallel work item and per stored block maximum.</summary>
    internal const int BlockSize = 1024;

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

        int blocks = (n + BlockSize - 1) / BlockSize;
        var minDistance = new float[n];
        var owner = new int[n];
        var centers = new float[k * d];
        var centerGap = new float[k];
        var blockMax = new float[blocks];
        var blockArg = new int[blocks];

        // Skip point i when gap ≥ 4·(1 + δ)³·m: then in exact arithmetic ‖c − xᵢ‖ ≥ ‖c − a‖ − ‖xᵢ − a‖ ≥ √m·(1 + δ),
        // and the float32 distance (relative error ≤ δ) cannot come out below the stored m.
        float delta = SquaredDistance.RelativeErrorBound(d);
        float pruneFactor = prune ? 4f * (1f + (4f * delta)) : float.PositiveInfinity;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };

        fixed (float* px = &Unsafe.AsRef(in points.GetRowSpan(0).GetPinnableReference()))
        fixed (float* pMin = minDistance)
        fixed (int* pOwner = owner)
        fixed (float* pCenters = centers)
        fixed (float* pGap = centerGap)
        fixed (float* pBlockMax = blockMax)
        fixed (int* pBlockArg = blockArg)
        {
            var state = new PassState
            {
                Points = new MatrixView(px, n, d, MatrixView.StrideOf(points)),
                MinDistance = pMin,
                Owner = pOwner,
                CenterGap = pGap,
                BlockMax = pBlockMax,
                BlockArg = pBlockArg,
                PruneFactor = pruneFactor,
            };

            int next = start;
            for (int t = 0; t < k; t++)
            {
                indices[t] = next;
                float* center = pCenters + ((long)t * d);
                new ReadOnlySpan<float>(state.Points.Row(next), d).CopyTo(new Span<float>(center, d));
                for (int s = 0; s < t; s++)
                {
                    pGap[s] = SquaredDistance.Compute(center, pCenters + ((long)s * d), d);
                }

                state.Step = t;
                state.Center = center;
                state.CenterIndex = next;
                PassState captured = state;
                if (blocks == 1 || maxDegreeOfParallelism == 1)
                {
                    for (int b = 0; b < blocks; b++)
                    {
                        captured.UpdateBlock(b);
                    }
                }
                else
                {
                    Parallel.For(0, blocks, options, b => captured.UpdateBlock(b));
                }

                // Blocks in ascending order with a strict comparison: the lowest index wins ties.
                float best = float.NegativeInfinity;
                int arg = -1;
                for (int b = 0; b < blocks; b++)
                {
                    if (pBlockMax[b] > best)
                    {
                        best = pBlockMax[b];
                        arg = pBlockArg[b];
                    }
                }

                radii[t] = MathF.Sqrt(MathF.Max(0f, best));
                next = arg;
            }
        }

        return new KCenterResult(indices, radii);
    }

    /// <summary>Everything one step's block updates read and write (pointers into pinned arrays).</summary>
    private struct PassState
    {
        public MatrixView Points;
        public float* MinDistance;
        public int* Owner;
        public float* CenterGap;
        public float* BlockMax;
        public int* BlockArg;
        public float PruneFactor;
        public int Step;
        public float* Center;
        public int CenterIndex;

        /// <summary>Lowers the min distances of block b's points to the new centre and refreshes the block's maximum.</summary>
        public readonly void UpdateBlock(int b)
        {
            int i0 = b * BlockSize;
            int i1 = Math.Min(Points.Height, i0 + BlockSize);
            int d = Points.Width;
            bool changed = false;
            if (Step == 0)
            {
                for (int i = i0; i < i1; i++)
                {
                    MinDistance[i] = SquaredDistance.Compute(Points.Row(i), Center, d);
                    Owner[i] = 0;
                }

                changed = true;
            }
            else
            {
                for (int i = i0; i < i1; i++)
                {
                    float m = MinDistance[i];
                    if (CenterGap[Owner[i]] >= PruneFactor * m)
                    {
                        continue;
                    }

                    float distance = SquaredDistance.Compute(Points.Row(i), Center, d);
                    if (distance < m)
                    {
                        MinDistance[i] = distance;
                        Owner[i] = Step;
                        changed = true;
                    }
                }
            }

            if (CenterIndex >= i0 && CenterIndex < i1)
            {
                MinDistance[CenterIndex] = Selected;
                changed = true;
            }

            if (changed)
            {
                float best = float.NegativeInfinity;
                int arg = i0;
                for (int i = i0; i < i1; i++)
                {
                    if (MinDistance[i] > best)
                    {
                        best = MinDistance[i];
                        arg = i;
                    }
                }

                BlockMax[b] = best;
                BlockArg[b] = arg;
            }
        }
    }
}
