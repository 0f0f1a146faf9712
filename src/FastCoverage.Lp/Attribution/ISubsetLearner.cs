namespace FastCoverage.Lp.Attribution;

/// <summary>
/// The per-subset experiment of maximum sample reuse: train a model on a subset of the train points and record,
/// for each test point, whether the model classifies it correctly.
/// </summary>
/// <remarks>Called concurrently from several threads: implementations must be thread-safe and deterministic.</remarks>
public interface ISubsetLearner
{
    /// <summary>Number of train points n.</summary>
    int TrainCount { get; }

    /// <summary>Number of test points m.</summary>
    int TestCount { get; }

    /// <summary>
    /// Trains on the train points <paramref name="subset"/> (ascending indices, possibly empty) and writes 1 for
    /// each test point classified correctly and 0 otherwise into <paramref name="correct"/> (length m).
    /// </summary>
    void Evaluate(ReadOnlySpan<int> subset, Span<int> correct);
}
