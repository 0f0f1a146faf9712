namespace FastCoverage.Valuation;

/// <summary>
/// The closed-form Shapley recursions of Jia et al. (2019) for one validation point, over the training points in
/// neighbour order α₁, …, α_N (α₁ nearest). Each adds the point's values into <c>values</c> (indexed by training point).
/// </summary>
/// <remarks>
/// Both utilities are sums of two games on the K nearest selected points T_K(S):
/// a <em>single</em> game u(S) = Σ_{j ∈ T_K(S)} a_j and a <em>pair</em> game w(S) = Σ_{j &lt; l ∈ T_K(S)} y_j y_l.
/// Swapping two rank-adjacent points i, i + 1 gives the recursions (ranks 1-based)
/// <list type="bullet">
/// <item>u: φ_N = a_N·min(K, N)/N, φ_i = φ_{i+1} + (a_i − a_{i+1})·min(K, i)/i;</item>
/// <item>w: ψ_N = y_N f(N − 1) Σ_{l&lt;N} y_l, ψ_i = ψ_{i+1} + (y_i − y_{i+1})·[f(i − 1) Σ_{l&lt;i} y_l + Σ_{l&gt;i+1} f(l − 2) y_l],</item>
/// </list>
/// where f(B) = T(T + 1)/(2B(B + 1)), T = min(K − 1, B), is the probability, over a uniformly random coalition drawn
/// as the Shapley value draws it, that a given point among B candidates is selected and lands in the K − 1 nearest.
/// The derivation is in docs/scores.md; the tests check both recursions against brute-force subset enumeration.
/// </remarks>
internal static class KnnShapleyRecursion
{
    /// <summary>
    /// Classification: U(S) = (1/K) Σ_{j ∈ T_K(S)} 1[y_j = y_v] (Jia et al. 2019, unweighted KNN classifier), i.e. the single game with
    /// a_j = 1[y_j = y_v]/K.
    /// </summary>
    public static void Classification(ReadOnlySpan<int> order, ReadOnlySpan<int> labels, int validationLabel, int k, Span<double> values)
    {
        int n = order.Length;
        double matchValue = 1.0 / k;
        double next = labels[order[n - 1]] == validationLabel ? matchValue : 0.0;
        double phi = next * Math.Min(k, n) / n;
        values[order[n - 1]] += phi;
        for (int r = n - 2; r >= 0; r--)
        {
            int rank = r + 1;
            double a = labels[order[r]] == validationLabel ? matchValue : 0.0;
            phi += (a - next) * Math.Min(k, rank) / rank;
            values[order[r]] += phi;
            next = a;
        }
    }

    /// <summary>
    /// Regression: U(S) = −((1/K) Σ_{j ∈ T_K(S)} y_j − y_v)² (Jia et al. 2019, unweighted KNN regressor). Expanding the square, U is
    /// −y_v² plus the single game with a_j = 2y_v y_j/K − y_j²/K² minus 2/K² times the pair game.
    /// </summary>
    /// <param name="order">Training indices in neighbour order.</param>
    /// <param name="targets">Targets of all training points.</param>
    /// <param name="validationTarget">y_v.</param>
    /// <param name="k">K.</param>
    /// <param name="values">Accumulates the values.</param>
    /// <param name="sorted">Scratch of length N: targets in neighbour order.</param>
    /// <param name="prefix">Scratch of length N: prefix[r] = Σ_{q&lt;r} sorted[q].</param>
    public static void Regression(ReadOnlySpan<int> order, ReadOnlySpan<double> targets, double validationTarget, int k, Span<double> values, Span<double> sorted, Span<double> prefix)
    {
        int n = order.Length;
        double sum = 0;
        for (int r = 0; r < n; r++)
        {
            double y = targets[order[r]];
            sorted[r] = y;
            prefix[r] = sum;
            sum += y;
        }

        double invK = 1.0 / k;
        double pairWeight = 2.0 * invK * invK;
        double yLast = sorted[n - 1];
        double single = Single(yLast, validationTarget, invK) * Math.Min(k, n) / n;
        double pair = yLast * SelectedAmongNearest(n - 1, k) * prefix[n - 1];
        values[order[n - 1]] += single - (pairWeight * pair);

        double far = 0; // Σ over 0-based q ≥ r + 2 of sorted[q]·f(q − 1)
        for (int r = n - 2; r >= 0; r--)
        {
            int rank = r + 1;
            double y = sorted[r], yNext = sorted[r + 1];
            single += (Single(y, validationTarget, invK) - Single(yNext, validationTarget, invK)) * Math.Min(k, rank) / rank;
            pair += (y - yNext) * ((SelectedAmongNearest(rank - 1, k) * prefix[r]) + far);
            values[order[r]] += single - (pairWeight * pair);
            far += yNext * SelectedAmongNearest(r, k);
        }
    }

    /// <summary>a_j of the regression utility's single game.</summary>
    private static double Single(double y, double validationTarget, double invK) => (2.0 * validationTarget * y * invK) - (y * y * invK * invK);

    /// <summary>f(B) = T(T + 1)/(2B(B + 1)) with T = min(K − 1, B); f(0) = 0.</summary>
    private static double SelectedAmongNearest(int b, int k)
    {
        if (b == 0)
        {
            return 0.0;
        }

        double t = Math.Min(k - 1, b);
        return t * (t + 1) / (2.0 * b * ((double)b + 1));
    }
}
