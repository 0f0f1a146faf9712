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

        // Four panels at a time: eight independent FMA chains hide the FMA latency (one panel alone has only two, and
        // the dot product was latency-bound). Each point still sums its d products in feature order, so the result is
        // bitwise the same as one panel at a time.
        for (; v <= nv - (4 * floatWidth); v += 4 * floatWidth)
        {
            Vector<double> t0 = Vector<double>.Zero, t1 = Vector<double>.Zero, t2 = Vector<double>.Zero, t3 = Vector<double>.Zero;
            Vector<double> t4 = Vector<double>.Zero, t5 = Vector<double>.Zero, t6 = Vector<double>.Zero, t7 = Vector<double>.Zero;
            ref float panel0 = ref Unsafe.Add(ref x, v * d);
            ref float panel1 = ref Unsafe.Add(ref panel0, floatWidth * d);
            ref float panel2 = ref Unsafe.Add(ref panel1, floatWidth * d);
            ref float panel3 = ref Unsafe.Add(ref panel2, floatWidth * d);
            for (int a = 0; a < d; a++)
            {
                var u = new Vector<double>(projected[a]);
                nuint offset = (nuint)(a * floatWidth);
                Vector.Widen(Vector.LoadUnsafe(ref panel0, offset), out Vector<double> x0, out Vector<double> x1);
                Vector.Widen(Vector.LoadUnsafe(ref panel1, offset), out Vector<double> x2, out Vector<double> x3);
                Vector.Widen(Vector.LoadUnsafe(ref panel2, offset), out Vector<double> x4, out Vector<double> x5);
                Vector.Widen(Vector.LoadUnsafe(ref panel3, offset), out Vector<double> x6, out Vector<double> x7);
                t0 = Vector.FusedMultiplyAdd(u, x0, t0);
                t1 = Vector.FusedMultiplyAdd(u, x1, t1);
                t2 = Vector.FusedMultiplyAdd(u, x2, t2);
                t3 = Vector.FusedMultiplyAdd(u, x3, t3);
                t4 = Vector.FusedMultiplyAdd(u, x4, t4);
                t5 = Vector.FusedMultiplyAdd(u, x5, t5);
                t6 = Vector.FusedMultiplyAdd(u, x6, t6);
                t7 = Vector.FusedMultiplyAdd(u, x7, t7);
            }

            correct += UpdateBlock(t0, v, nv, coefficients, scores, labels) + UpdateBlock(t1, v + width, nv, coefficients, scores, labels)
                + UpdateBlock(t2, v + (2 * width), nv, coefficients, scores, labels) + UpdateBlock(t3, v + (3 * width), nv, coefficients, scores, labels)
                + UpdateBlock(t4, v + (4 * width), nv, coefficients, scores, labels) + UpdateBlock(t5, v + (5 * width), nv, coefficients, scores, labels)
                + UpdateBlock(t6, v + (6 * width), nv, coefficients, scores, labels) + UpdateBlock(t7, v + (7 * width), nv, coefficients, scores, labels);
        }

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
