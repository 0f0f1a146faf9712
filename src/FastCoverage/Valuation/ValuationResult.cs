namespace FastCoverage.Valuation;

/// <summary>The values of n points from one valuation method.</summary>
/// <param name="Method">The method's name as used on the command line (e.g. "shapley").</param>
/// <param name="Values">The value of each point.</param>
/// <param name="StandardErrors">The Monte-Carlo standard error of each value; <see langword="null"/> for exact methods.</param>
/// <param name="Samples">The number of sampled permutations, subsets or bootstrap learners (0 for exact methods).</param>
/// <param name="Converged">Per point, whether the stopping criterion considered it converged; <see langword="null"/> for exact methods.</param>
public sealed record ValuationResult(string Method, double[] Values, double[]? StandardErrors, int Samples, bool[]? Converged);
