using FastCoverage.Valuation.Utilities;

namespace FastCoverage.Tests.Valuation;

/// <summary>A game given by a function of the coalition's bit mask; the state is just the mask.</summary>
public sealed class MaskGame(int players, Func<int, double> value) : IUtility
{
    public int PlayerCount => players;

    public double Value(int mask) => value(mask);

    public IUtilityState CreateState() => new State(this);

    /// <summary>A game with independent random values v(S) ∈ [−1, 1) for every S (v(∅) included).</summary>
    public static MaskGame Random(int players, int seed)
    {
        var random = new Random(seed);
        var table = new double[1 << players];
        for (int m = 0; m < table.Length; m++)
        {
            table[m] = (2 * random.NextDouble()) - 1;
        }

        return new MaskGame(players, m => table[m]);
    }

    private sealed class State(MaskGame game) : IUtilityState
    {
        private int _mask;

        public double Value => game.Value(_mask);

        public void Add(int player)
        {
            Assert.True((_mask & (1 << player)) == 0, $"player {player} added twice");
            _mask |= 1 << player;
        }

        public void Reset() => _mask = 0;

        public void CopyTo(IUtilityState destination) => ((State)destination)._mask = _mask;
    }
}

/// <summary>Independent brute-force references: every permutation, every subset, evaluated from scratch.</summary>
public static class BruteForce
{
    /// <summary>Shapley by averaging marginals over all n! orders (Shapley's original definition).</summary>
    public static double[] ShapleyByPermutations(MaskGame game)
    {
        int n = game.PlayerCount;
        var sums = new double[n];
        int count = 0;
        foreach (int[] order in Permutations(Enumerable.Range(0, n).ToArray()))
        {
            int mask = 0;
            foreach (int i in order)
            {
                sums[i] += game.Value(mask | (1 << i)) - game.Value(mask);
                mask |= 1 << i;
            }

            count++;
        }

        return sums.Select(s => s / count).ToArray();
    }

    /// <summary>Banzhaf as the plain average of marginals over all 2ⁿ⁻¹ coalitions without i.</summary>
    public static double[] BanzhafBySubsets(MaskGame game)
    {
        int n = game.PlayerCount;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int mask = 0; mask < 1 << n; mask++)
            {
                if ((mask & (1 << i)) == 0)
                {
                    sum += game.Value(mask | (1 << i)) - game.Value(mask);
                }
            }

            values[i] = sum / (1 << (n - 1));
        }

        return values;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (int k = 0; k < items.Length; k++)
        {
            int[] rest = items.Where((_, j) => j != k).ToArray();
            foreach (int[] tail in Permutations(rest))
            {
                yield return [items[k], .. tail];
            }
        }
    }
}
