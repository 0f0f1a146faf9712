using System.CommandLine;
using System.Globalization;
using FastCoverage.Theory;

namespace FastCoverage.Cli;

/// <summary>
/// <c>fastcoverage theory occupancy|gap</c>: the occupancy number m*(k) and the interaction gap ρ·δ_N(1, k) of the
/// coverage view (Theorem 2, Proposition 1), one row per budget k, as a table or as JSON.
/// </summary>
internal static class TheoryCommand
{
    internal static Command Create(CliContext context)
    {
        var theory = new Command("theory", "Closed forms of the coverage view: occupancy m*(k) and the interaction gap ρ·δ_N(1, k).");
        theory.Subcommands.Add(CreateOccupancy(context));
        theory.Subcommands.Add(CreateGap(context));
        return theory;
    }

    private sealed record ModeOptions(Option<int?> R, Option<long?> M, Option<string> Sizes, Option<string> K, Option<bool> Json);

    private static ModeOptions CreateModeOptions() => new(
        new Option<int?>("--r") { Description = "Number of equal modes r ≥ 1 (with --m)." },
        new Option<long?>("--m") { Description = "Points per mode m ≥ 1 (with --r)." },
        new Option<string>("--sizes") { Description = "Unequal mode sizes m1,m2,... (instead of --r/--m)." },
        new Option<string>("--k") { Description = "Budget k, or a range like 1..50 (one row per k).", Required = true },
        new Option<bool>("--json") { Description = "Print a JSON array (one object per k) instead of a table." });

    private static Command CreateOccupancy(CliContext context)
    {
        ModeOptions options = CreateModeOptions();
        var command = new Command("occupancy", "Expected modes covered by a uniform k-subset, m*(k), its N → ∞ limit and greedy's min(k, r).")
        {
            options.R, options.M, options.Sizes, options.K, options.Json,
        };
        command.SetAction(parse =>
        {
            TheoryTable table = Rows(parse, options, rho: null, misalignment: null);
            table.Write(context.Out, parse.GetValue(options.Json));
            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command CreateGap(CliContext context)
    {
        ModeOptions options = CreateModeOptions();
        var rho = new Option<double>("--rho") { Description = "Cost ρ ≥ 0 of an uncovered mode.", Required = true };
        var delta = new Option<double?>("--delta") { Description = "Misalignment Δ ∈ (0, 1] of an input-geometry selector: adds m_in(k; Δ) and δ(Δ, k)." };
        var command = new Command("gap", "Expected excess risk ρ·δ_N(1, k) of a symmetric valuation's top-k over greedy coverage (Theorem 2).")
        {
            options.R, options.M, options.Sizes, options.K, rho, delta, options.Json,
        };
        command.SetAction(parse =>
        {
            double cost = parse.GetValue(rho);
            if (!(cost >= 0 && double.IsFinite(cost)))
            {
                throw new CliUsageException($"--rho must be a finite non-negative number, not {cost.ToString(CultureInfo.InvariantCulture)}.");
            }

            double? misalignment = parse.GetValue(delta);
            if (misalignment is { } d && !(d > 0 && d <= 1))
            {
                throw new CliUsageException($"--delta must lie in (0, 1], not {d.ToString(CultureInfo.InvariantCulture)}.");
            }

            TheoryTable table = Rows(parse, options, cost, misalignment);
            table.Write(context.Out, parse.GetValue(options.Json));
            return CliApp.ExitOk;
        });
        return command;
    }

    private static TheoryTable Rows(ParseResult parse, ModeOptions options, double? rho, double? misalignment)
    {
        long[] sizes = ModeSizes(parse.GetValue(options.R), parse.GetValue(options.M), parse.GetValue(options.Sizes));
        (long first, long last) = TheoryTable.ParseRange(parse.GetValue(options.K)!);
        long poolSize = sizes.Sum();
        if (last > poolSize)
        {
            throw new CliUsageException($"--k {last} exceeds the pool size N = {poolSize}.");
        }

        bool equal = parse.GetValue(options.Sizes) is null;
        var rows = new List<TheoryRow>();
        for (long k = first; k <= last; k++)
        {
            rows.Add(TheoryRow.Compute(sizes, equal, k, rho, misalignment));
        }

        return new TheoryTable(rows, equal, rho is not null, misalignment is not null);
    }

    private static long[] ModeSizes(int? r, long? m, string? sizes)
    {
        if (sizes is not null)
        {
            if (r is not null || m is not null)
            {
                throw new CliUsageException("Give either --r and --m (equal modes) or --sizes (unequal modes), not both.");
            }

            string[] parts = sizes.Split(',', StringSplitOptions.TrimEntries);
            var parsed = new long[parts.Length];
            for (int j = 0; j < parts.Length; j++)
            {
                if (!long.TryParse(parts[j], NumberStyles.Integer, CultureInfo.InvariantCulture, out parsed[j]) || parsed[j] < 1)
                {
                    throw new CliUsageException($"--sizes entry {j + 1} is '{parts[j]}'; every mode size must be an integer ≥ 1.");
                }
            }

            return parsed;
        }

        if (r is null || m is null)
        {
            throw new CliUsageException("Give --r and --m (equal modes) or --sizes (unequal modes).");
        }

        if (r < 1)
        {
            throw new CliUsageException($"--r must be at least 1, not {r}.");
        }

        if (m < 1)
        {
            throw new CliUsageException($"--m must be at least 1, not {m}.");
        }

        if (m > long.MaxValue / r.Value)
        {
            throw new CliUsageException($"--r {r} × --m {m} overflows the pool size.");
        }

        var equalSizes = new long[r.Value];
        Array.Fill(equalSizes, m.Value);
        return equalSizes;
    }
}
