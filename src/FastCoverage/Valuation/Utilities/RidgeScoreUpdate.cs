using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastCoverage.Valuation.Utilities;

/// <summary>
/// The fused validation step of <see cref="RidgeUtility"/>: for a vector of validation points at a time, tᵥ = xᵥᵀu
/// (d FMAs against the feature-major validation matrix), then every class score s_{k,v} += c_k·tᵥ, keeping the running
/// argmax (ties to the lowest class) in registers and counting the points whose argmax is their label — one pass over
/// the validation matrix and the scores, nothing else written.
/// </summary>
internal static class RidgeScoreUpdate
{
    /// <summary>Applies the rank-one score update and returns the number of correctly classified validation points.</summary>
    /// <param name="validPanels">Validation features in panels (<see cref="Pack"/>), float32 as given; widened exactly.</param>
    /// <param name="projected">u, length d.</param>
    /// <param name="coefficients">c_k = α·(e_y − Wᵀx)_k, length C.</param>
    /// <param name="scores">Class-major scores, C × n_v, updated in place.</param>
    /// <param name="labels">Validation labels as doubles, length n_v.</param>
    public static int Apply(ReadOnlySpan<float> validPanels, ReadOnlySpan<double> projected, ReadOnlySpan<double> coefficients, Span<double> scores, ReadOnlySpan<double> labels)
    {
        int d = projected.Length;
        int nv = labels.Length;
        ref float x = ref MemoryMarshal.GetReference(validPanels);
        int width = Vector<double>.Count;
        int floatWidth = Vector<float>.Count; // = 2·width: one float load widens into two double vectors
        long correct = 0;
        int v = 0;
        for (; v <= nv - floatWidth; v += floatWidth)
        {
            Vector<double> low = Vector<double>.Zero;
            Vector<double> high = Vector<double>.Zero;
            for (int a = 0; a < d; a++)
            {
                // Features are float32 data, so widening them to double is exact.
                Vector.Widen(Vector.LoadUnsafe(ref x, (nuint)((v * d) + (a * floatWidth))), out Vector<double> lowX, out Vector<double> highX);
                var u = new Vector<double>(projected[a]);
                low = Vector.FusedMultiplyAdd(u, lowX, low);
                high = Vector.FusedMultiplyAdd(u, highX, high);
            }

            correct += UpdateBlock(low, v, nv, coefficients, scores, labels) + UpdateBlock(high, v + width, nv, coefficients, scores, labels);
        }

        for (; v < nv; v++)
        {
            double t = 0;
            for (int a = 0; a < d; a++)
            {
                t = Math.FusedMultiplyAdd(projected[a], validPanels[PanelIndex(v, a, d)], t);
            }

            double best = double.NegativeInfinity;
            int arg = 0;
            for (int k = 0; k < coefficients.Length; k++)
            {
                ref double score = ref scores[(k * nv) + v];
                score = Math.FusedMultiplyAdd(t, coefficients[k], score);
                if (score > best)
                {
                    best = score;
                    arg = k;
                }
            }

            correct += arg == labels[v] ? 1 : 0;
        }

        return (int)correct;
    }

    /// <summary>
    /// Packs n_v×d rows into panels of <see cref="Vector{T}.Count"/> float points: panel p holds, feature by feature,
    /// the values of points p·w … p·w + w − 1 contiguously (the last panel zero-padded), so the kernel streams memory.
    /// </summary>
    public static float[] Pack(CommunityToolkit.HighPerformance.ReadOnlySpan2D<float> rows)
    {
        int nv = rows.Height;
        int d = rows.Width;
        int w = Vector<float>.Count;
        var panels = new float[(nv + w - 1) / w * w * d];
        for (int v = 0; v < nv; v++)
        {
            ReadOnlySpan<float> row = rows.GetRowSpan(v);
            for (int a = 0; a < d; a++)
            {
                panels[PanelIndex(v, a, d)] = row[a];
            }
        }

        return panels;
    }

    /// <summary>Where feature a of point v lives in the panel layout.</summary>
    private static int PanelIndex(int v, int a, int d)
    {
        int w = Vector<float>.Count;
        return ((v / w) * w * d) + (a * w) + (v % w);
    }

    /// <summary>Updates the C scores of the points v … v + width − 1 by cₖ·t and returns how many have argmax = label.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UpdateBlock(Vector<double> t, int v, int nv, ReadOnlySpan<double> coefficients, Span<double> scores, ReadOnlySpan<double> labels)
    {
        ref double s = ref MemoryMarshal.GetReference(scores);
        ref double row0 = ref Unsafe.Add(ref s, v);
        Vector<double> best = Vector.FusedMultiplyAdd(t, new Vector<double>(coefficients[0]), Vector.LoadUnsafe(ref row0));
        best.StoreUnsafe(ref row0);
        Vector<double> arg = Vector<double>.Zero;
        for (int k = 1; k < coefficients.Length; k++)
        {
            ref double row = ref Unsafe.Add(ref s, (k * nv) + v);
            Vector<double> score = Vector.FusedMultiplyAdd(t, new Vector<double>(coefficients[k]), Vector.LoadUnsafe(ref row));
            score.StoreUnsafe(ref row);
            Vector<long> higher = Vector.GreaterThan(score, best);
            best = Vector.Max(score, best);
            arg = Vector.ConditionalSelect(higher, new Vector<double>(k), arg);
        }

        return (int)-Vector.Sum(Vector.Equals(arg, Vector.LoadUnsafe(ref MemoryMarshal.GetReference(labels), (nuint)v)));
    }
}
