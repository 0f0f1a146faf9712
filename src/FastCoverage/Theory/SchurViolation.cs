namespace FastCoverage.Theory;

/// <summary>
/// A counterexample to Schur-convexity found by <see cref="Majorization.FindSchurViolation"/>: a Robin-Hood transfer
/// took <see cref="Before"/> to the less spread <see cref="After"/> (After ≺ Before) yet the function increased.
/// </summary>
/// <param name="Before">the count vector before the transfer.</param>
/// <param name="After">the count vector after the transfer.</param>
/// <param name="ValueBefore">f(Before).</param>
/// <param name="ValueAfter">f(After) &gt; f(Before).</param>
public sealed record SchurViolation(int[] Before, int[] After, double ValueBefore, double ValueAfter);
