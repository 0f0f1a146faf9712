using System.Globalization;
using CommunityToolkit.HighPerformance;
using FastCoverage.Kernels;
using FastCoverage.Valuation;
using FastCoverage.Valuation.Learners;
using FastCoverage.Valuation.Sampling;
using FastCoverage.Valuation.Stopping;
using FastCoverage.Valuation.Utilities;

namespace FastCoverage.Cli;

/// <summary>The files of a <c>value</c> run: training features and labels, and the optional validation set.</summary>
internal sealed record ValueData(Memory2D<float> X, int[]? Labels, Memory2D<float>? ValidX, int[]? ValidLabels);

/// <summary>The options of a <c>value</c> run, checked before any file is read, and how they map onto the library.</summary>
internal sealed record ValueRequest(
    string Method, string Utility, string Kernel, float? Gamma, int Neighbors, double Lambda, int Budget,
    double? Tolerance, double Truncation, double Alpha, double Beta, ulong Seed)
{
    /// <summary>The accepted --method names.</summary>
    public static readonly string[] Methods = ["loo", "shapley", "beta-shapley", "banzhaf", "data-oob", "knn-shapley", "leverage", "prototypicality", "typicality"];

    /// <summary>Methods that score points directly, without a coalition utility.</summary>
    private static readonly string[] DirectMethods = ["knn-shapley", "leverage", "prototypicality", "typicality"];

    private static readonly string[] Utilities = ["ridge", "knn", "facility-location"];

    /// <summary>Throws <see cref="CliUsageException"/> naming the first bad option.</summary>
    public void Validate()
    {
        if (!Methods.Contains(Method))
        {
            throw new CliUsageException($"--method '{Method}' is not one of {string.Join(", ", Methods)}.");
        }

        if (!Utilities.Contains(Utility))
        {
            throw new CliUsageException($"--utility '{Utility}' is not one of {string.Join(", ", Utilities)}.");
        }

        if (Method == "data-oob" && Utility == "facility-location")
        {
            throw new CliUsageException("--method data-oob needs a learner: --utility ridge or knn.");
        }

        KernelKind kind = FastCoverage.Kernels.Kernel.ParseKind(Kernel);
        if (kind == KernelKind.SquaredEuclidean && Method != "typicality")
        {
            throw new CliUsageException("--kernel must be a similarity (rbf, cosine or linear), not sqeuclidean.");
        }

        Require(Gamma is null || (float.IsFinite(Gamma.Value) && Gamma > 0), "--gamma", Gamma);
        Require(Gamma is null || kind == KernelKind.Rbf, "--gamma (only with --kernel rbf)", Gamma);
        Require(Neighbors >= 1, "--neighbors", Neighbors);
        Require(double.IsFinite(Lambda) && Lambda > 0, "--ridge", Lambda);
        Require(Budget >= 1, "--permutations", Budget);
        Require(Tolerance is null || (double.IsFinite(Tolerance.Value) && Tolerance > 0), "--tolerance", Tolerance);
        Require(double.IsFinite(Truncation) && Truncation >= 0, "--truncation", Truncation);
        Require(double.IsFinite(Alpha) && Alpha > 0, "--alpha", Alpha);
        Require(double.IsFinite(Beta) && Beta > 0, "--beta", Beta);
    }

    /// <summary>Runs the method, reporting completion in [0, 1].</summary>
    public ValuationResult Run(ValueData data, Action<double> report)
    {
        if (DirectMethods.Contains(Method))
        {
            return new ValuationResult(Method, Score(data), null, 0, null);
        }

        if (Method == "data-oob")
        {
            int[] y = data.Labels ?? throw new CliUsageException("--method data-oob needs --labels.");
            int classes = ClassCount(y, null);
            Memory2D<float> x = data.X;
            ClassifierFactory fit = Utility == "knn"
                ? rows => KnnClassifier.Fit(x.Span, y, rows, classes, Neighbors)
                : rows => RidgeClassifier.Fit(x.Span, y, rows, classes, Lambda);
            ValuationResult oob = DataOob.Compute(x, y, fit, Budget, Seed);
            report(1);
            return oob;
        }

        IUtility utility = CreateUtility(data);
        var sampling = new SamplingOptions { Seed = Seed, Progress = new DirectProgress(report) };
        StoppingCriterion stop = StoppingCriterion.MaxSamples(Budget);
        if (Tolerance is { } tolerance)
        {
            stop |= StoppingCriterion.StandardErrorBelow(tolerance, burnIn: Math.Min(30, Budget));
        }

        var permutationOptions = new PermutationOptions { Sampling = sampling, TruncationTolerance = Truncation };
        return Method switch
        {
            "loo" => LeaveOneOut.Compute(utility),
            "shapley" => PermutationSemivalue.Shapley(utility, stop, permutationOptions),
            "beta-shapley" => PermutationSemivalue.Compute(utility, Semivalue.BetaShapley(Alpha, Beta), stop, permutationOptions),
            _ => MaximumSampleReuse.Banzhaf(utility, stop, sampling),
        };
    }

    /// <summary>KNN-Shapley (exact closed form) and the per-point scores of <see cref="FastCoverage.Scores"/>.</summary>
    private double[] Score(ValueData data)
    {
        switch (Method)
        {
            case "leverage":
                return FastCoverage.Scores.RidgeLeverage.Compute(data.X.Span, Lambda);
            case "typicality":
                return FastCoverage.Scores.Typicality.Compute(data.X.Span, Neighbors, new Kernel(FastCoverage.Kernels.Kernel.ParseKind(Kernel), Gamma));
            case "prototypicality":
                return FastCoverage.Scores.Prototypicality.Compute(data.X.Span, data.Labels ?? throw new CliUsageException("--method prototypicality needs --labels."));
            default:
                int[] y = data.Labels ?? throw new CliUsageException("--method knn-shapley needs --labels.");
                if (data.ValidX is not { } validX || data.ValidLabels is not { } validY)
                {
                    throw new CliUsageException("--method knn-shapley needs --valid and --valid-labels.");
                }

                return KnnShapley.Classification(data.X.Span, y, validX.Span, validY, Neighbors);
        }
    }

    private IUtility CreateUtility(ValueData data)
    {
        if (Utility == "facility-location")
        {
            Memory2D<float> represented = data.ValidX ?? data.X;
            return FacilityLocationUtility.FromFeatures(data.X.Span, represented.Span, new Kernel(FastCoverage.Kernels.Kernel.ParseKind(Kernel), Gamma));
        }

        int[] y = data.Labels ?? throw new CliUsageException($"--utility {Utility} needs --labels.");
        if (data.ValidX is not { } validX || data.ValidLabels is not { } validY)
        {
            throw new CliUsageException($"--utility {Utility} needs --valid and --valid-labels.");
        }

        int classes = ClassCount(y, validY);
        return Utility == "knn"
            ? new KnnUtility(data.X, y, validX, validY, classes, Neighbors)
            : new RidgeUtility(data.X.Span, y, validX.Span, validY, classes, Lambda);
    }

    /// <summary>1 + the largest label; negative labels are left to the utilities to reject.</summary>
    private static int ClassCount(int[] labels, int[]? validLabels) =>
        1 + Math.Max(labels.DefaultIfEmpty(0).Max(), validLabels?.DefaultIfEmpty(0).Max() ?? 0);

    private static void Require(bool condition, string option, object? value)
    {
        if (!condition)
        {
            throw new CliUsageException($"{option} has an invalid value {Convert.ToString(value, CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>Forwards progress synchronously (Progress&lt;T&gt; would post to a synchronization context).</summary>
    private sealed class DirectProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
