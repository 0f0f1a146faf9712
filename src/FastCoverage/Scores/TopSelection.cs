using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastCoverage.Scores;

/// <summary>Sum of the k largest entries of a scratch array: a SIMD threshold scan for small k, else a quickselect.</summary>
internal static class TopSelection
{
    /// <summary>Largest k served by the threshold scan (its worst case, ascending input, costs O(length·k)).</summary>
    internal const int ScanLimit = 32;

    /// <summary>
    /// Σ of the k largest values of sign·v over <paramref name="values"/> (negated in place when sign &lt; 0, and
    /// reordered when k &gt; <see cref="ScanLimit"/>), in double; 1 ≤ k ≤ length. Which of several equal values is
    /// kept does not change the sum.
    /// </summary>
    public static double SumOfLargest(Span<float> values, double sign, int k)
    {
        if (sign < 0)
        {
            TensorPrimitives.Negate(values, values);
        }

        return k <= ScanLimit ? SumOfLargestByScan(values, k) : SumOfLargestBySelection(values, k);
    }

    /// <summary>
    /// Keeps the k largest seen so far in an ascending buffer; a vector of 8 values is only looked at lane by lane when
    /// one exceeds the buffer's minimum, which on typical rows happens O(k log(n/k)) times.
    /// </summary>
    private static double SumOfLargestByScan(ReadOnlySpan<float> values, int k)
    {
        Span<float> top = stackalloc float[k];
        values[..k].CopyTo(top);
        top.Sort();
        int i = k;
        ref float start = ref MemoryMarshal.GetReference(values);
        for (; i + Vector256<float>.Count <= values.Length; i += Vector256<float>.Count)
        {
            if (Vector256.GreaterThanAny(Vector256.LoadUnsafe(ref start, (nuint)i), Vector256.Create(top[0])))
            {
                for (int lane = i; lane < i + Vector256<float>.Count; lane++)
                {
                    Insert(top, values[lane]);
                }
            }
        }

        for (; i < values.Length; i++)
        {
            Insert(top, values[i]);
        }

        double sum = 0;
        foreach (float v in top)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>Replaces the minimum of the ascending buffer by <paramref name="v"/> if larger, keeping it ascending.</summary>
    private static void Insert(Span<float> top, float v)
    {
        if (!(v > top[0]))
        {
            return;
        }

        int j = 0;
        while (j + 1 < top.Length && top[j + 1] < v)
        {
            top[j] = top[j + 1];
            j++;
        }

        top[j] = v;
    }

    /// <summary>In-place three-way quickselect: expected O(length), linear on runs of equal values.</summary>
    private static double SumOfLargestBySelection(Span<float> values, int k)
    {
        double sum = 0;
        int lo = 0, hi = values.Length, need = k;
        while (need > 0)
        {
            float pivot = MedianOfThree(values[lo], values[lo + ((hi - lo) / 2)], values[hi - 1]);

            // Three-way partition of [lo, hi): [lo, lt) < pivot, [lt, gt) == pivot, [gt, hi) > pivot.
            int lt = lo, gt = hi, i = lo;
            while (i < gt)
            {
                float v = values[i];
                if (v < pivot)
                {
                    (values[lt], values[i]) = (values[i], values[lt]);
                    lt++;
                    i++;
                }
                else if (v > pivot)
                {
                    gt--;
                    (values[gt], values[i]) = (values[i], values[gt]);
                }
                else
                {
                    i++;
                }
            }

            int greater = hi - gt;
            if (greater >= need)
            {
                lo = gt;
                continue;
            }

            for (int j = gt; j < hi; j++)
            {
                sum += values[j];
            }

            need -= greater;
            int equal = gt - lt;
            int taken = Math.Min(equal, need);
            sum += (double)taken * pivot;
            need -= taken;
            hi = lt;
        }

        return sum;
    }

    private static float MedianOfThree(float a, float b, float c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));
}
