namespace FastCoverage.Theory;

/// <summary>The outcome of <see cref="ProjectionRisk.GreedyForward"/>.</summary>
/// <param name="Selected">the points in selection order.</param>
/// <param name="Gains">the marginal g_i(S) of each point when it was added.</param>
/// <param name="Risk">R of the final set.</param>
public sealed record ProjectionGreedyResult(int[] Selected, double[] Gains, double Risk);
