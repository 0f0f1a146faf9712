namespace FastCoverage.Selection;

/// <summary>
/// The safeguard of cost-benefit greedy (Khuller, Moss and Naor 1999; Leskovec et al. 2007): gain/cost greedy alone can
/// be arbitrarily bad under a budget, but the better of its selection and the single affordable candidate of largest
/// gain is at least (1 − 1/e)/2 of the budgeted optimum.
/// </summary>
internal static class BestSingleCandidate
{
    public static FacilityLocationResult Safeguard(ISimilaritySource source, FacilityLocationResult greedy, int[] initial, double[] costs, FacilityLocationOptions options)
    {
        var state = new GreedyState(source, 1, initial, costs, options.Budget!.Value, progress: null, options.MaxDegreeOfParallelism);
        int[] affordable = Array.FindAll(state.RemainingCandidates(), state.Fits);
        if (affordable.Length == 0)
        {
            return greedy;
        }

        float[] gains = new float[affordable.Length];
        source.Gains(affordable, state.Coverage, gains, options.MaxDegreeOfParallelism);
        int best = 0;
        for (int t = 1; t < affordable.Length; t++)
        {
            if (gains[t] > gains[best])
            {
                best = t;
            }
        }

        if (state.InitialObjective + gains[best] <= greedy.Objective)
        {
            return greedy;
        }

        state.Add(affordable[best], gains[best]);
        return state.ToResult();
    }
}
