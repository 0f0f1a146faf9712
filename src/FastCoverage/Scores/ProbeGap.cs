using CommunityToolkit.HighPerformance;
using FastCoverage.Valuation.Learners;

namespace FastCoverage.Scores;

/// <summary>
/// The probe-accuracy gap of "Whose geometry?" (§5, Table 2): the full-budget validation accuracy of a ridge probe on
/// representation A minus that of the same probe on representation B of the same points, e.g. embedding minus
/// lexical features. A large gap says the B (input) geometry misses label structure that A captures — the regime
/// where selecting in A's geometry pays; a gap ≈ 0 says selection in the cheap geometry suffices.
/// </summary>
/// <remarks>
/// The probe is <see cref="RidgeClassifier"/> (one-vs-rest ridge on one-hot labels, no intercept) fitted on every
/// training row. Cost: O(n·(d_A² + d_B²) + d_A³ + d_B³) to fit, O(m·(d_A + d_B)·C) to score.
/// </remarks>
public static class ProbeGap
{
    /// <summary>acc_A − acc_B, each the validation accuracy of a ridge probe fitted on all training rows.</summary>
    /// <param name="trainingA">Training points in representation A, n×d_A.</param>
    /// <param name="validationA">Validation points in representation A, m×d_A.</param>
    /// <param name="trainingB">The same training points in representation B, n×d_B.</param>
    /// <param name="validationB">The same validation points in representation B, m×d_B.</param>
    /// <param name="trainingLabels">Training labels in [0, classCount), length n.</param>
    /// <param name="validationLabels">Validation labels in [0, classCount), length m.</param>
    /// <param name="classCount">The number of classes C ≥ 1.</param>
    /// <param name="lambda">The ridge penalty λ &gt; 0.</param>
    /// <returns>The gap, in [−1, 1].</returns>
    /// <exception cref="ArgumentException">A matrix is empty or not finite, row counts or label lengths disagree, a label is outside [0, C), or λ ≤ 0.</exception>
    public static double Compute(ReadOnlySpan2D<float> trainingA, ReadOnlySpan2D<float> validationA, ReadOnlySpan2D<float> trainingB, ReadOnlySpan2D<float> validationB, ReadOnlySpan<int> trainingLabels, ReadOnlySpan<int> validationLabels, int classCount, double lambda)
    {
        MatrixChecks.ThrowIfEmptyOrNotFinite(trainingB, nameof(trainingB));
        MatrixChecks.ThrowIfEmptyOrNotFinite(validationB, nameof(validationB));
        if (trainingB.Height != trainingA.Height)
        {
            throw new ArgumentException($"trainingB has {trainingB.Height} rows but trainingA has {trainingA.Height}; both must hold the same points.", nameof(trainingB));
        }

        if (validationB.Height != validationA.Height)
        {
            throw new ArgumentException($"validationB has {validationB.Height} rows but validationA has {validationA.Height}; both must hold the same points.", nameof(validationB));
        }

        double accuracyA = ProbeAccuracy(trainingA, trainingLabels, validationA, validationLabels, classCount, lambda);
        double accuracyB = ProbeAccuracy(trainingB, trainingLabels, validationB, validationLabels, classCount, lambda);
        return accuracyA - accuracyB;
    }

    /// <summary>The full-budget probe accuracy on one representation: fit a ridge probe on all training rows, score the validation rows.</summary>
    /// <param name="training">Training features, n×d.</param>
    /// <param name="trainingLabels">Training labels in [0, classCount), length n.</param>
    /// <param name="validation">Validation features, m×d.</param>
    /// <param name="validationLabels">Validation labels in [0, classCount), length m.</param>
    /// <param name="classCount">The number of classes C ≥ 1.</param>
    /// <param name="lambda">The ridge penalty λ &gt; 0.</param>
    /// <returns>The fraction of validation rows predicted correctly.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Compute"/>.</exception>
    public static double ProbeAccuracy(ReadOnlySpan2D<float> training, ReadOnlySpan<int> trainingLabels, ReadOnlySpan2D<float> validation, ReadOnlySpan<int> validationLabels, int classCount, double lambda)
    {
        MatrixChecks.ThrowIfEmptyOrNotFinite(training, nameof(training));
        MatrixChecks.ThrowIfEmptyOrNotFinite(validation, nameof(validation));
        if (validation.Width != training.Width)
        {
            throw new ArgumentException($"validation has {validation.Width} columns but training has {training.Width}.", nameof(validation));
        }

        MatrixChecks.ThrowIfLengthDiffers(training, trainingLabels.Length, nameof(trainingLabels));
        MatrixChecks.ThrowIfLengthDiffers(validation, validationLabels.Length, nameof(validationLabels));
        if (classCount < 1)
        {
            throw new ArgumentException($"classCount must be at least 1 (was {classCount}).", nameof(classCount));
        }

        ThrowIfOutOfRange(trainingLabels, classCount, nameof(trainingLabels));
        ThrowIfOutOfRange(validationLabels, classCount, nameof(validationLabels));
        Finite.ThrowIfNotPositive(lambda, nameof(lambda));

        return RidgeClassifier.Fit(training, trainingLabels, classCount, lambda).Accuracy(validation, validationLabels);
    }

    private static void ThrowIfOutOfRange(ReadOnlySpan<int> labels, int classCount, string parameterName)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException($"{parameterName} holds {labels[i]} at index {i}, outside [0, {classCount}).", parameterName);
            }
        }
    }
}
