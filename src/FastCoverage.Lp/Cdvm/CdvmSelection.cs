namespace FastCoverage.Lp;

/// <summary>Turns a relaxed LP solution w into a clean [0, 1] vector and an S-subset.</summary>
internal static class CdvmSelection
{
    /// <summary>
    /// Clips w to [0, 1] in place and gives the change of Σw back — first to strictly fractional entries, then to
    /// any with room, in index order — so that Σw = <paramref name="total"/> to rounding.
    /// </summary>
    public static void ClipKeepingSum(Span<double> w, double total)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = Math.Clamp(w[i], 0.0, 1.0);
            sum += w[i];
        }

        double residual = total - sum;
        for (int pass = 0; pass < 2 && residual != 0; pass++)
        {
            for (int i = 0; i < w.Length && residual != 0; i++)
            {
                bool fractional = w[i] > 0 && w[i] < 1;
                if (pass == 0 && !fractional)
                {
                    continue;
                }

                double updated = Math.Clamp(w[i] + residual, 0.0, 1.0);
                residual -= updated - w[i];
                w[i] = updated;
            }
        }
    }

    /// <summary>The <paramref name="count"/> indices with the largest w (ties: lowest index), in ascending order.</summary>
    public static int[] TopIndices(ReadOnlySpan<double> w, int count)
    {
        var order = new int[w.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        double[] values = w.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int byValue = values[b].CompareTo(values[a]);
            return byValue != 0 ? byValue : a.CompareTo(b);
        });
        int[] top = order[..count];
        Array.Sort(top);
        return top;
    }
}
