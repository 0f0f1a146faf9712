namespace FastCoverage.Valuation.Utilities;

/// <summary>What the ridge probe utility reports on the validation set.</summary>
public enum RidgeMetric
{
    /// <summary>The fraction of validation points whose argmax class (ties to the lowest) is their label.</summary>
    Accuracy,

    /// <summary>−(1/n_v)·Σᵥ ‖xᵥᵀW − yᵥ‖² against the one-hot validation labels.</summary>
    NegativeMeanSquaredError,
}
