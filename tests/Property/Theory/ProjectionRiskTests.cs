using CommunityToolkit.HighPerformance;
using FastCoverage.Tests.Infrastructure;
using FastCoverage.Theory;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace FastCoverage.Tests.Theory;

public class ProjectionRiskTests
{
    /// <summary>R(S) = tr((I − P_S)Σ) with the explicit projector P_S = AA⁺ (SVD pseudo-inverse, MathNet), A = [φ_s]_{s∈S}.</summary>
    internal static double ReferenceRisk(double[,] features, double[,] sigma, IEnumerable<int> selected)
    {
        var s = Matrix<double>.Build.DenseOfArray(sigma);
        int[] set = selected.Distinct().ToArray();
        if (set.Length == 0)
        {
            return s.Trace();
        }

        var a = Matrix<double>.Build.Dense(features.GetLength(1), set.Length, (r, c) => features[set[c], r]);
        Matrix<double> projector = a * a.PseudoInverse();
        return ((Matrix<double>.Build.DenseIdentity(s.RowCount) - projector) * s).Trace();
    }

    /// <summary>A random PSD Σ = BBᵀ/D′ with B of shape D×D′ (rank D′, anisotropic).</summary>
    private static double[,] RandomCovariance(int d, int rank, Random random)
    {
        var b = Matrix<double>.Build.Dense(d, rank, (_, _) => (2 * random.NextDouble()) - 1);
        Matrix<double> s = b.TransposeAndMultiply(b) / rank;
        return ((s + s.Transpose()) / 2).ToArray();
    }

    /// <summary>Random features where some rows copy or combine earlier rows (exactly dependent features).</summary>
    private static double[,] RandomFeatures(int n, int d, Random random)
    {
        var f = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            int kind = i >= 2 ? random.Next(4) : 0;
            int p = random.Next(Math.Max(i, 1)), q = random.Next(Math.Max(i, 1));
            for (int c = 0; c < d; c++)
            {
                f[i, c] = kind switch
                {
                    1 => f[p, c],
                    2 => (0.5 * f[p, c]) - (2 * f[q, c]),
                    _ => (2 * random.NextDouble()) - 1,
                };
            }
        }

        return f;
    }

    private static readonly Gen<(int N, int D, int Rank, int Seed)> Shapes =
        from n in Gen.Choose(1, 10)
        from d in Gen.Choose(1, 7)
        from rank in Gen.Choose(1, 7)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select (n, d, rank, seed);

    [Fact]
    public void Closed_form_marginal_eq1_equals_the_risk_drop_from_explicit_projectors_on_random_PSD_covariances()
    {
        Properties.ForAll(Shapes.ToArbitrary(), c =>
        {
            var random = new Random(c.Seed);
            double[,] features = RandomFeatures(c.N, c.D, random), sigma = RandomCovariance(c.D, c.Rank, random);
            var risk = new ProjectionRisk(features, sigma);
            int[] context = Enumerable.Range(0, c.N).Where(_ => random.Next(2) == 0).ToArray();
            double scale = Math.Max(1, risk.TotalVariance);
            double reference = ReferenceRisk(features, sigma, context);
            Assert.True(Math.Abs(risk.Risk(context) - reference) <= 1e-9 * scale, $"R(S) {risk.Risk(context)} vs projector {reference}");
            for (int i = 0; i < c.N; i++)
            {
                double drop = reference - ReferenceRisk(features, sigma, context.Append(i));
                double marginal = risk.Marginal(i, context);
                Assert.True(Math.Abs(marginal - drop) <= 1e-9 * scale, $"g_{i}(S) = {marginal}, R(S) − R(S ∪ i) = {drop} (N={c.N} D={c.D})");
            }
        }, maxTest: 120);
    }

    [Fact]
    public void Theorem1_orthogonal_features_have_a_marginal_independent_of_the_context()
    {
        var cases = from n in Gen.Choose(1, 8)
                    from extra in Gen.Choose(0, 3)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d: n + extra, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            Matrix<double> q = Matrix<double>.Build.Dense(c.d, c.d, (_, _) => (2 * random.NextDouble()) - 1).QR().Q;
            var features = new double[c.n, c.d];
            for (int i = 0; i < c.n; i++)
            {
                double scale = 0.1 + (3 * random.NextDouble());
                for (int col = 0; col < c.d; col++)
                {
                    features[i, col] = scale * q[col, i];
                }
            }

            double[,] sigma = RandomCovariance(c.d, c.d, random);
            var risk = new ProjectionRisk(features, sigma);
            var s = Matrix<double>.Build.DenseOfArray(sigma);
            for (int i = 0; i < c.n; i++)
            {
                var phi = Vector<double>.Build.Dense(c.d, col => features[i, col]);
                double rayleigh = phi * (s * phi) / (phi * phi);
                for (int trial = 0; trial < 4; trial++)
                {
                    int[] context = Enumerable.Range(0, c.n).Where(p => p != i && random.Next(2) == 0).ToArray();
                    Assert.True(Math.Abs(risk.Marginal(i, context) - rayleigh) <= 1e-10 * Math.Max(1, s.Trace()), $"g_{i}(S) = {risk.Marginal(i, context)} ≠ ⟨φ,Σφ⟩/‖φ‖² = {rayleigh}");
                }
            }
        }, maxTest: 60);
    }

    [Fact]
    public void Theorem1_converse_a_redundant_feature_under_anisotropic_covariance_changes_value_with_context()
    {
        // φ_0 = e1, φ_1 = (e1 + e2)/√2, Σ = diag(2, 1): g_1(∅) = (2·½ + 1·½) = 1.5; g_1({0}) = Rayleigh at e2 = 1.
        double h = Math.Sqrt(0.5);
        var risk = new ProjectionRisk(new double[,] { { 1, 0 }, { h, h } }, new double[,] { { 2, 0 }, { 0, 1 } });
        Assert.Equal(1.5, risk.Marginal(1, []), 12);
        Assert.Equal(1.0, risk.Marginal(1, [0]), 12);
    }

    [Fact]
    public void Greedy_forward_picks_a_largest_projector_marginal_each_step_and_reports_the_projector_risk()
    {
        Properties.ForAll(Shapes.ToArbitrary(), c =>
        {
            var random = new Random(c.Seed);
            double[,] features = RandomFeatures(c.N, c.D, random), sigma = RandomCovariance(c.D, c.Rank, random);
            var risk = new ProjectionRisk(features, sigma);
            int k = random.Next(c.N + 1);
            ProjectionGreedyResult result = risk.GreedyForward(k);
            double scale = Math.Max(1, risk.TotalVariance);
            var chosen = new List<int>();
            foreach ((int pick, double gain) in result.Selected.Zip(result.Gains))
            {
                double before = ReferenceRisk(features, sigma, chosen);
                double best = Enumerable.Range(0, c.N).Where(p => !chosen.Contains(p)).Max(p => before - ReferenceRisk(features, sigma, chosen.Append(p)));
                double pickDrop = before - ReferenceRisk(features, sigma, chosen.Append(pick));
                Assert.DoesNotContain(pick, chosen);
                Assert.True(Math.Abs(pickDrop - best) <= 1e-9 * scale && Math.Abs(gain - pickDrop) <= 1e-9 * scale, $"step {chosen.Count}: picked {pick} with drop {pickDrop} (reported {gain}), best {best}");
                chosen.Add(pick);
            }

            Assert.True(Math.Abs(result.Risk - ReferenceRisk(features, sigma, chosen)) <= 1e-9 * scale, "final risk");
        }, maxTest: 60);
    }

    [Fact]
    public void Projection_risk_rejects_shape_mismatch_non_finite_and_asymmetric_covariance()
    {
        Assert.Throws<ArgumentException>("covariance", () => new ProjectionRisk(new double[2, 3], new double[2, 2]));
        Assert.Throws<ArgumentException>("features", () => new ProjectionRisk(new double[,] { { double.NaN } }, new double[,] { { 1 } }));
        Assert.Throws<ArgumentException>("covariance", () => new ProjectionRisk(new double[2, 2], new double[,] { { 1, 0.5 }, { 0, 1 } }));
        Assert.Throws<ArgumentOutOfRangeException>("k", () => new ProjectionRisk(new double[2, 2], new double[2, 2]).GreedyForward(3));
    }
}
