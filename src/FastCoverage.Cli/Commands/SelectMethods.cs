using System.Globalization;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Kernels;
using FastCoverage.Selection;

namespace FastCoverage.Cli;

/// <summary>What <c>fastcoverage select</c> was asked for, as parsed (unset options are null).</summary>
internal sealed record SelectRequest(
    string Method,
    int K,
    string? Optimizer,
    string? Kernel,
    float? Gamma,
    int? Neighbors,
    string? Represented,
    string? Initial,
    string? Scores,
    string? Labels,
    int? Start,
    int? Seed,
    double? Epsilon);

/// <summary>A selection as written to result.json: indices in order, a per-pick number, an objective where defined.</summary>
internal sealed record SelectOutcome(IReadOnlyList<int> Indices, IReadOnlyList<double> Gains, double? Objective, IReadOnlyList<double>? Radii = null);

/// <summary>
/// The methods of <c>fastcoverage select</c>: facility location (gains = marginal gains, objective = F(S)),
/// k-center (radii = covering radius after each pick, objective = the final radius), top-k and balanced-top-k of a
/// score file (gains = the selected scores), and a uniform random subset.
/// </summary>
internal static class SelectMethods
{
    /// <summary>Above this many similarities (1 GiB of float32), facility location streams kernel columns instead of storing them.</summary>
    private const long DenseLimit = 1L << 28;

    public static readonly string[] Names = ["facility-location", "k-center", "random", "top-k", "balanced-top-k"];

    /// <summary>The options each method accepts besides --input, --k, --method and --output.</summary>
    private static readonly Dictionary<string, string[]> Accepted = new()
    {
        ["facility-location"] = ["--optimizer", "--kernel", "--gamma", "--neighbors", "--represented", "--initial", "--seed", "--epsilon"],
        ["k-center"] = ["--start", "--seed"],
        ["random"] = ["--seed"],
        ["top-k"] = ["--scores"],
        ["balanced-top-k"] = ["--scores", "--labels"],
    };

    /// <summary>Rejects an unknown method and options that do not apply to the method, instead of ignoring them.</summary>
    public static void CheckOptions(SelectRequest r)
    {
        if (!Accepted.TryGetValue(r.Method, out string[]? accepted))
        {
            throw new CliUsageException($"--method '{r.Method}' is unknown: expected {string.Join(", ", Names)}.");
        }

        (string Name, bool Given)[] given =
        [
            ("--optimizer", r.Optimizer is not null), ("--kernel", r.Kernel is not null), ("--gamma", r.Gamma is not null),
            ("--neighbors", r.Neighbors is not null), ("--represented", r.Represented is not null), ("--initial", r.Initial is not null),
            ("--scores", r.Scores is not null), ("--labels", r.Labels is not null), ("--start", r.Start is not null),
            ("--seed", r.Seed is not null), ("--epsilon", r.Epsilon is not null),
        ];
        foreach (var (name, isGiven) in given)
        {
            if (isGiven && !accepted.Contains(name))
            {
                throw new CliUsageException($"{name} does not apply to --method {r.Method}.");
            }
        }

        if (r.Method is "top-k" or "balanced-top-k" && r.Scores is null)
        {
            throw new CliUsageException($"--method {r.Method} needs --scores.");
        }

        if (r.Method == "balanced-top-k" && r.Labels is null)
        {
            throw new CliUsageException("--method balanced-top-k needs --labels.");
        }

        if (r.Start is not null && r.Seed is not null)
        {
            throw new CliUsageException("k-center takes --start or --seed (a seeded start), not both.");
        }
    }

    /// <summary>Methods that rank a score vector and need no features (--input optional: it only fixes n).</summary>
    public static bool ScoresOnly(string method) => method is "top-k" or "balanced-top-k";

    /// <summary>Runs the method; <paramref name="x"/> is null only for <see cref="ScoresOnly"/> methods.</summary>
    public static SelectOutcome Run(CliContext context, Memory2D<float>? x, SelectRequest r) => r.Method switch
    {
        "facility-location" => FacilityLocation(context, x!.Value, r),
        "k-center" => KCenterSelection(context, x!.Value, r),
        "random" => new SelectOutcome(RandomSubset.Select(x!.Value.Height, r.K, (ulong)(r.Seed ?? 0)), [], null),
        "top-k" => TopKSelection(x?.Height, r),
        _ => BalancedSelection(x?.Height, r),
    };

    private static SelectOutcome FacilityLocation(CliContext context, Memory2D<float> x, SelectRequest r)
    {
        FacilityLocationOptimizer optimizer = (r.Optimizer ?? "lazy").Trim().ToLowerInvariant() switch
        {
            "lazy" => FacilityLocationOptimizer.Lazy,
            "naive" => FacilityLocationOptimizer.Naive,
            "stochastic" => FacilityLocationOptimizer.Stochastic,
            _ => throw new CliUsageException($"--optimizer '{r.Optimizer}' is unknown: expected lazy, naive or stochastic."),
        };
        KernelKind kind = Kernels.Kernel.ParseKind(r.Kernel ?? "rbf");
        if (r.Gamma is { } g && (!float.IsFinite(g) || g <= 0f))
        {
            throw new CliUsageException($"--gamma must be a finite positive number, not {g.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (r.Gamma is not null && kind != KernelKind.Rbf)
        {
            throw new CliUsageException("--gamma applies only to --kernel rbf.");
        }

        ReadOnlyMemory2D<float> u = r.Represented is null ? default : CommandFiles.ReadMatrix(r.Represented, "--represented");
        int representedCount = u.IsEmpty ? x.Height : u.Height;
        SimilarityStorage storage = r.Neighbors is not null ? SimilarityStorage.NearestNeighbors
            : (long)representedCount * x.Height <= DenseLimit ? SimilarityStorage.Dense : SimilarityStorage.Streaming;
        var similarity = new FeatureSimilarity(x, new Kernel(kind, r.Gamma)) { Represented = u, Storage = storage, Neighbors = r.Neighbors ?? 0 };
        int[]? initial = r.Initial is null ? null : ReadIndices(r.Initial, "--initial");
        FacilityLocationResult result = context.WithProgress("facility location", report => Selection.FacilityLocation.Maximize(similarity, r.K, new FacilityLocationOptions
        {
            Optimizer = optimizer,
            Epsilon = r.Epsilon ?? 0.01,
            Seed = r.Seed ?? 0,
            InitialSubset = initial,
            Progress = report,
        }));
        return new SelectOutcome(result.Indices, result.Gains, result.Objective);
    }

    private static SelectOutcome KCenterSelection(CliContext context, Memory2D<float> x, SelectRequest r)
    {
        KCenterResult result = context.WithProgress("k-center", _ => r.Start is { } start
            ? KCenter.Select(x.Span, r.K, start)
            : KCenter.SelectSeeded(x.Span, r.K, (ulong)(r.Seed ?? 0)));
        double[] radii = [.. result.CoveringRadii.Select(v => (double)v)];
        return new SelectOutcome(result.Indices, [], radii.Length > 0 ? radii[^1] : null, radii);
    }

    private static SelectOutcome TopKSelection(int? n, SelectRequest r)
    {
        float[] scores = ReadScores(r.Scores!, n);
        return ScoreSelection(TopK.Select(scores, r.K), scores);
    }

    private static SelectOutcome BalancedSelection(int? n, SelectRequest r)
    {
        float[] scores = ReadScores(r.Scores!, n);
        int[] labels = CommandFiles.ReadLabels(r.Labels!, "--labels");
        if (labels.Length != scores.Length)
        {
            throw new InvalidDataException($"--labels '{r.Labels}' has {labels.Length} labels but there are {scores.Length} points.");
        }

        return ScoreSelection(ClassBalancedTopK.Select(scores, labels, r.K), scores);
    }

    private static SelectOutcome ScoreSelection(int[] indices, float[] scores) => new(indices, [.. indices.Select(i => (double)scores[i])], null);

    /// <summary>Scores from a values.json ("values", or a bare array) or a vector file (.npy/.csv), one per input row when --input is given.</summary>
    private static float[] ReadScores(string path, int? rows)
    {
        CommandFiles.RequireInput(path, "--scores");
        float[] scores = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? [.. JsonResult.ReadNumbers(path, "values").Select(v => (float)v)]
            : MatrixFile.ReadVector(path);
        if (rows is { } n && scores.Length != n)
        {
            throw new InvalidDataException($"--scores '{path}' has {scores.Length} values but --input has {n} rows.");
        }

        for (int i = 0; i < scores.Length; i++)
        {
            if (!float.IsFinite(scores[i]))
            {
                throw new InvalidDataException($"--scores '{path}' holds {scores[i]} at index {i}; scores must be finite.");
            }
        }

        return scores;
    }

    /// <summary>Reads the "indices" of a selection JSON (or a bare array) as integers.</summary>
    private static int[] ReadIndices(string path, string option)
    {
        double[] numbers = JsonResult.ReadNumbers(CommandFiles.RequireInput(path, option), "indices");
        int[] indices = new int[numbers.Length];
        for (int t = 0; t < numbers.Length; t++)
        {
            if (numbers[t] != Math.Floor(numbers[t]) || numbers[t] < 0 || numbers[t] > int.MaxValue)
            {
                throw new InvalidDataException($"{option} '{path}': entry {t} is {numbers[t].ToString(CultureInfo.InvariantCulture)}, not a nonnegative integer index.");
            }

            indices[t] = (int)numbers[t];
        }

        return indices;
    }
}
