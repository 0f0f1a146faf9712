using FastCoverage.Valuation.Utilities;

namespace FastCoverage.Valuation;

/// <summary>
/// Leave-one-out values vᵢ = v(D) − v(D∖{i}) (coverage-view paper §2: g_i(P∖{i}); CDVM §2.1.1). Each of the n
/// coalitions D∖{i} is built incrementally, n − 1 additions each: O(n²) <see cref="IUtilityState.Add"/> calls, run
/// in parallel over i (each value is computed independently, so the result does not depend on the thread count).
/// </summary>
public static class LeaveOneOut
{
    /// <summary>The leave-one-out value of every player.</summary>
    public static ValuationResult Compute(IUtility utility, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(utility);
        int n = utility.PlayerCount;
        var values = new double[n];
        double full = utility.Evaluate(Enumerable.Range(0, n).ToArray());
        ParallelLoop.Run(() => Parallel.For(
            0,
            n,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            utility.CreateState,
            (i, _, state) =>
            {
                state.Reset();
                for (int j = 0; j < n; j++)
                {
                    if (j != i)
                    {
                        state.Add(j);
                    }
                }

                values[i] = full - state.Value;
                return state;
            },
            _ => { }));
        return new ValuationResult("loo", values, null, 0, null);
    }
}
