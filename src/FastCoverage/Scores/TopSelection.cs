namespace FastCoverage.Scores;

/// <summary>Sum of the k largest entries of a scratch array, by an in-place three-way quickselect.</summary>
internal static class TopSelection
{
    /// <summary>
    /// Σ of the k largest values of sign·v over <paramref name="values"/> (reordered in place), in double; 1 ≤ k ≤ length.
    /// Expected O(length); three-way partitioning keeps runs of equal values linear.
    /// </summary>
    public static double SumOfLargest(Span<float> values, double sign, int k)
    {
        if (sign < 0)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = -values[i];
            }
        }

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
