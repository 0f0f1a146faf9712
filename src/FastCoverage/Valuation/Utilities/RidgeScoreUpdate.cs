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
    /// <param name="validByFeature">Validation features, d × n_v (feature-major).</param>
    /// <param name="projected">u, length d.</param>
    /// <param name="coefficients">c_k = α·(e_y − Wᵀx)_k, length C.</param>
    /// <param name="scores">Class-major scores, C × n_v, updated in place.</param>
    /// <param name="labels">Validation labels as doubles, length n_v.</param>
    public static int Apply(ReadOnlySpan<double> validByFeature, ReadOnlySpan<double> projected, ReadOnlySpan<double> coefficients, Span<double> scores, ReadOnlySpan<double> labels)
    {
        int d = projected.Length;
        int c = coefficients.Length;
        int nv = labels.Length;
        ref double x = ref MemoryMarshal.GetReference(validByFeature);
        ref double s = ref MemoryMarshal.GetReference(scores);
        ref double y = ref MemoryMarshal.GetReference(labels);
        int width = Vector<double>.Count;
        long correct = 0;
        int v = 0;
        for (; v <= nv - width; v += width)
        {
            Vector<double> t = Vector<double>.Zero;
            for (int a = 0; a < d; a++)
            {
                t = Vector.FusedMultiplyAdd(new Vector<double>(projected[a]), Vector.LoadUnsafe(ref x, (nuint)((a * nv) + v)), t);
            }

            ref double row0 = ref Unsafe.Add(ref s, v);
            Vector<double> best = Vector.FusedMultiplyAdd(t, new Vector<double>(coefficients[0]), Vector.LoadUnsafe(ref row0));
            best.StoreUnsafe(ref row0);
            Vector<double> arg = Vector<double>.Zero;
            for (int k = 1; k < c; k++)
            {
                ref double row = ref Unsafe.Add(ref s, (k * nv) + v);
                Vector<double> score = Vector.FusedMultiplyAdd(t, new Vector<double>(coefficients[k]), Vector.LoadUnsafe(ref row));
                score.StoreUnsafe(ref row);
                Vector<long> higher = Vector.GreaterThan(score, best);
                best = Vector.Max(score, best);
                arg = Vector.ConditionalSelect(higher, new Vector<double>(k), arg);
            }

            correct -= Vector.Sum(Vector.Equals(arg, Vector.LoadUnsafe(ref y, (nuint)v)));
        }

        for (; v < nv; v++)
        {
            double t = 0;
            for (int a = 0; a < d; a++)
            {
                t = Math.FusedMultiplyAdd(projected[a], validByFeature[(a * nv) + v], t);
            }

            double best = double.NegativeInfinity;
            int arg = 0;
            for (int k = 0; k < c; k++)
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
}
