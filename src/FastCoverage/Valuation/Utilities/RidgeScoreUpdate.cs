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

            correct += UpdateEightBlocks(t0, t1, t2, t3, t4, t5, t6, t7, v, nv, coefficients, scores, labels);
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

    /// <summary>
    /// <see cref="UpdateBlock"/> for eight consecutive vectors of points, class by class: each class coefficient and
    /// index is broadcast once for all eight, and the eight running maxima are independent chains.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UpdateEightBlocks(
        Vector<double> t0, Vector<double> t1, Vector<double> t2, Vector<double> t3, Vector<double> t4, Vector<double> t5, Vector<double> t6, Vector<double> t7,
        int v, int nv, ReadOnlySpan<double> coefficients, Span<double> scores, ReadOnlySpan<double> labels)
    {
        int w = Vector<double>.Count;
        ref double row = ref Unsafe.Add(ref MemoryMarshal.GetReference(scores), v);
        var c = new Vector<double>(coefficients[0]);
        Vector<double> b0 = Vector.FusedMultiplyAdd(t0, c, Vector.LoadUnsafe(ref row, 0));
        Vector<double> b1 = Vector.FusedMultiplyAdd(t1, c, Vector.LoadUnsafe(ref row, (nuint)w));
        Vector<double> b2 = Vector.FusedMultiplyAdd(t2, c, Vector.LoadUnsafe(ref row, (nuint)(2 * w)));
        Vector<double> b3 = Vector.FusedMultiplyAdd(t3, c, Vector.LoadUnsafe(ref row, (nuint)(3 * w)));
        Vector<double> b4 = Vector.FusedMultiplyAdd(t4, c, Vector.LoadUnsafe(ref row, (nuint)(4 * w)));
        Vector<double> b5 = Vector.FusedMultiplyAdd(t5, c, Vector.LoadUnsafe(ref row, (nuint)(5 * w)));
        Vector<double> b6 = Vector.FusedMultiplyAdd(t6, c, Vector.LoadUnsafe(ref row, (nuint)(6 * w)));
        Vector<double> b7 = Vector.FusedMultiplyAdd(t7, c, Vector.LoadUnsafe(ref row, (nuint)(7 * w)));
        b0.StoreUnsafe(ref row, 0);
        b1.StoreUnsafe(ref row, (nuint)w);
        b2.StoreUnsafe(ref row, (nuint)(2 * w));
        b3.StoreUnsafe(ref row, (nuint)(3 * w));
        b4.StoreUnsafe(ref row, (nuint)(4 * w));
        b5.StoreUnsafe(ref row, (nuint)(5 * w));
        b6.StoreUnsafe(ref row, (nuint)(6 * w));
        b7.StoreUnsafe(ref row, (nuint)(7 * w));
        Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector<double> index = Vector<double>.Zero;
        for (int k = 1; k < coefficients.Length; k++)
        {
            row = ref Unsafe.Add(ref row, nv);
            c = new Vector<double>(coefficients[k]);
            index += Vector<double>.One;
            Step(ref b0, ref a0, t0, c, index, ref row, 0);
            Step(ref b1, ref a1, t1, c, index, ref row, w);
            Step(ref b2, ref a2, t2, c, index, ref row, 2 * w);
            Step(ref b3, ref a3, t3, c, index, ref row, 3 * w);
            Step(ref b4, ref a4, t4, c, index, ref row, 4 * w);
            Step(ref b5, ref a5, t5, c, index, ref row, 5 * w);
            Step(ref b6, ref a6, t6, c, index, ref row, 6 * w);
            Step(ref b7, ref a7, t7, c, index, ref row, 7 * w);
        }

        ref double label = ref Unsafe.Add(ref MemoryMarshal.GetReference(labels), v);
        Vector<long> hits = Vector.Equals(a0, Vector.LoadUnsafe(ref label, 0)) + Vector.Equals(a1, Vector.LoadUnsafe(ref label, (nuint)w))
            + Vector.Equals(a2, Vector.LoadUnsafe(ref label, (nuint)(2 * w))) + Vector.Equals(a3, Vector.LoadUnsafe(ref label, (nuint)(3 * w)))
            + Vector.Equals(a4, Vector.LoadUnsafe(ref label, (nuint)(4 * w))) + Vector.Equals(a5, Vector.LoadUnsafe(ref label, (nuint)(5 * w)))
            + Vector.Equals(a6, Vector.LoadUnsafe(ref label, (nuint)(6 * w))) + Vector.Equals(a7, Vector.LoadUnsafe(ref label, (nuint)(7 * w)));
        return (int)-Vector.Sum(hits);
    }

    /// <summary>One class of <see cref="UpdateEightBlocks"/> for one vector of points: update, store, keep the argmax.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector<double> best, ref Vector<double> arg, Vector<double> t, Vector<double> coefficient, Vector<double> index, ref double row, int offset)
    {
        Vector<double> score = Vector.FusedMultiplyAdd(t, coefficient, Vector.LoadUnsafe(ref row, (nuint)offset));
        score.StoreUnsafe(ref row, (nuint)offset);
        Vector<long> higher = Vector.GreaterThan(score, best);
        best = Vector.Max(score, best);
        arg = Vector.ConditionalSelect(higher, index, arg);
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
