using FastCoverage.Tests.Infrastructure;
using FastCoverage.Valuation;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Valuation;

public class ExactSemivalueTests
{
    private const double Tolerance = 1e-12;

    private static Arbitrary<(int N, int Seed)> RandomGames(int maxPlayers) =>
        (from n in Gen.Choose(1, maxPlayers) from seed in Gen.Choose(0, int.MaxValue - 1) select (n, seed)).ToArbitrary();

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"value {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void Exact_Shapley_equals_the_average_over_all_permutations_on_random_games()
    {
        Properties.ForAll(RandomGames(6), c =>
        {
            var game = MaskGame.Random(c.N, c.Seed);
            AssertClose(BruteForce.ShapleyByPermutations(game), ExactSemivalue.Shapley(game).Values);
        }, maxTest: 60);
    }

    [Fact]
    public void Exact_Banzhaf_equals_the_average_over_all_coalitions_on_random_games()
    {
        Properties.ForAll(RandomGames(9), c =>
        {
            var game = MaskGame.Random(c.N, c.Seed);
            AssertClose(BruteForce.BanzhafBySubsets(game), ExactSemivalue.Banzhaf(game).Values);
        }, maxTest: 60);
    }

    [Fact]
    public void Exact_Shapley_is_efficient_symmetric_additive_and_gives_dummies_their_own_worth()
    {
        Properties.ForAll(RandomGames(9), c =>
        {
            int n = c.N;
            var baseGame = MaskGame.Random(n, c.Seed);
            var other = MaskGame.Random(n, c.Seed + 1);
            double[] phi = ExactSemivalue.Shapley(baseGame).Values;

            // Efficiency: Σφ = v(D) − v(∅).
            Assert.True(Math.Abs(phi.Sum() - (baseGame.Value((1 << n) - 1) - baseGame.Value(0))) <= 1e-10);

            // Additivity: φ(v + w) = φ(v) + φ(w).
            var sum = new MaskGame(n, m => baseGame.Value(m) + other.Value(m));
            double[] otherPhi = ExactSemivalue.Shapley(other).Values;
            AssertClose(phi.Zip(otherPhi, (a, b) => a + b).ToArray(), ExactSemivalue.Shapley(sum).Values, 1e-10);

            if (n >= 2)
            {
                // Symmetry: a game that sees players 0 and 1 only through how many of them are present.
                var symmetric = new MaskGame(n, m => baseGame.Value(SortPair(m)));
                double[] s = ExactSemivalue.Shapley(symmetric).Values;
                Assert.True(Math.Abs(s[0] - s[1]) <= 1e-10, $"symmetric players got {s[0]} and {s[1]}");

                // Dummy: player n−1 adds exactly 0.25 to every coalition.
                int top = 1 << (n - 1);
                var dummy = new MaskGame(n, m => baseGame.Value(m & ~top) + ((m & top) != 0 ? 0.25 : 0));
                double[] dummyPhi = ExactSemivalue.Shapley(dummy).Values;
                Assert.True(Math.Abs(dummyPhi[n - 1] - 0.25) <= 1e-10);
                Assert.True(Math.Abs(ExactSemivalue.Banzhaf(dummy).Values[n - 1] - 0.25) <= 1e-10);
            }
        }, maxTest: 60);
    }

    /// <summary>Maps a coalition to the one where the members among players {0, 1} are moved to the lowest bits.</summary>
    private static int SortPair(int mask) => (mask & 3) == 2 ? (mask & ~3) | 1 : mask;

    [Theory]
    [InlineData(5, 3)]
    [InlineData(7, 4)]
    [InlineData(10, 1)]
    public void Symmetric_majority_game_has_Shapley_one_over_n_and_Banzhaf_the_swing_probability(int n, int quota)
    {
        var game = new MaskGame(n, m => System.Numerics.BitOperations.PopCount((uint)m) >= quota ? 1 : 0);
        // Banzhaf: i swings iff exactly quota − 1 others are present: C(n−1, quota−1)/2ⁿ⁻¹.
        double banzhaf = Choose(n - 1, quota - 1) / Math.Pow(2, n - 1);
        AssertClose(Enumerable.Repeat(1.0 / n, n).ToArray(), ExactSemivalue.Shapley(game).Values);
        AssertClose(Enumerable.Repeat(banzhaf, n).ToArray(), ExactSemivalue.Banzhaf(game).Values);
    }

    [Fact]
    public void Weighted_voting_game_51_50_49_1_has_textbook_values()
    {
        int[] weights = [50, 49, 1];
        var game = new MaskGame(3, m => Subsets.Members(m, 3).Sum(i => weights[i]) >= 51 ? 1 : 0);
        // The 50-player is pivotal unless it comes first (2 of 6 orders): 4/6. Swings: 50 in {50,49}, {50,1}, {50,49,1}.
        AssertClose([2.0 / 3, 1.0 / 6, 1.0 / 6], ExactSemivalue.Shapley(game).Values);
        AssertClose([3.0 / 4, 1.0 / 4, 1.0 / 4], ExactSemivalue.Banzhaf(game).Values);
    }

    [Fact]
    public void Airport_game_has_the_Littlechild_Owen_values()
    {
        double[] cost = [1, 1.5, 4, 4, 7.25, 10];
        int n = cost.Length;
        var game = new MaskGame(n, m => Subsets.Members(m, n).Select(i => cost[i]).DefaultIfEmpty(0).Max());
        // Runway segment k (length c_k − c_{k−1}) is shared by players k … n−1 (0-based):
        // Shapley splits it equally among its n − k users; Banzhaf charges i for it when no other user is present.
        var shapley = new double[n];
        var banzhaf = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k <= i; k++)
            {
                double segment = cost[k] - (k == 0 ? 0 : cost[k - 1]);
                shapley[i] += segment / (n - k);
                banzhaf[i] += segment / Math.Pow(2, n - k - 1);
            }
        }

        AssertClose(shapley, ExactSemivalue.Shapley(game).Values);
        AssertClose(banzhaf, ExactSemivalue.Banzhaf(game).Values);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 3)]
    [InlineData(1, 6)]
    public void Shoes_game_with_one_left_shoe_has_textbook_values(int left, int right)
    {
        int n = left + right;
        var game = new MaskGame(n, m => Math.Min(System.Numerics.BitOperations.PopCount((uint)(m & ((1 << left) - 1))), System.Numerics.BitOperations.PopCount((uint)(m >> left))));
        // The left shoe completes a pair unless it comes first among the r + 1 shoes: r/(r+1); the rest is split evenly.
        double[] shapley = [.. Enumerable.Repeat((double)right / (right + 1), left), .. Enumerable.Repeat(1.0 / (right * (right + 1)), right)];
        // Banzhaf: the left shoe swings when any right shoe is present; a right shoe when the left one is and no other right.
        double[] banzhaf = [.. Enumerable.Repeat(1 - Math.Pow(2, -right), left), .. Enumerable.Repeat(Math.Pow(2, -right), right)];
        AssertClose(shapley, ExactSemivalue.Shapley(game).Values);
        AssertClose(banzhaf, ExactSemivalue.Banzhaf(game).Values);
    }

    [Fact]
    public void Shoes_game_with_equal_sides_gives_every_shoe_one_half()
    {
        var game = new MaskGame(8, m => Math.Min(System.Numerics.BitOperations.PopCount((uint)(m & 15)), System.Numerics.BitOperations.PopCount((uint)(m >> 4))));
        AssertClose(Enumerable.Repeat(0.5, 8).ToArray(), ExactSemivalue.Shapley(game).Values);
    }

    [Fact]
    public void Beta_shapley_weights_match_the_beta_binomial_law_and_reduce_to_shapley_at_one_one()
    {
        foreach (int n in new[] { 1, 2, 5, 12 })
        {
            AssertClose(Enumerable.Repeat(1.0 / n, n).ToArray(), Semivalue.BetaShapley(1, 1).SizeProbabilities(n));
            foreach (var (alpha, beta) in new[] { (16, 1), (4, 1), (2, 3) })
            {
                double[] p = Semivalue.BetaShapley(alpha, beta).SizeProbabilities(n);
                // Integer α, β: B(a, b) = (a−1)!(b−1)!/(a+b−1)!.
                double[] expected = Enumerable.Range(0, n)
                    .Select(s => Choose(n - 1, s) * BetaFunction(s + beta, n - 1 - s + alpha) / BetaFunction(alpha, beta)).ToArray();
                AssertClose(expected, p, 1e-12);
                Assert.True(Math.Abs(p.Sum() - 1) <= 1e-12);
            }
        }
    }

    [Fact]
    public void More_than_twenty_players_is_rejected()
    {
        var game = new MaskGame(21, _ => 0);
        Assert.Equal("utility", Assert.Throws<ArgumentException>(() => ExactSemivalue.Shapley(game)).ParamName);
    }

    private static double Factorial(int k) => k <= 1 ? 1 : k * Factorial(k - 1);

    private static double Choose(int n, int k) => Factorial(n) / (Factorial(k) * Factorial(n - k));

    private static double BetaFunction(int a, int b) => Factorial(a - 1) * Factorial(b - 1) / Factorial(a + b - 1);
}
