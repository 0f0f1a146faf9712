using FastCoverage.Tests.Infrastructure;
using FastCoverage.Theory;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace FastCoverage.Tests.Theory;

/// <summary>Appendix E (soft modes) of the coverage-view paper.</summary>
public class SpikedCovarianceTests
{
    private static readonly Gen<(int R, int PerMode, int Extra, double[] Masses, int Seed)> Instances =
        from r in Gen.Choose(1, 4)
        from perMode in Gen.Choose(1, 3)
        from extra in Gen.Choose(1, 8)
        from masses in Gen.ArrayOf(Gen.Choose(5, 100), r)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select (r, perMode, extra, masses.Select(m => m / 100.0).ToArray(), seed);

    [Fact]
    public void Spiked_covariance_has_eigenvalues_pi_j_on_u_j_and_eta_squared_on_the_complement_and_features_are_u_j_plus_eta_xi()
    {
        Properties.ForAll(Instances.ToArbitrary(), c =>
        {
            const double eta = 0.1;
            int d = c.R + c.Extra;
            var model = new SpikedCovariance(d, c.Masses, eta, c.Seed);
            var sigma = Matrix<double>.Build.DenseOfArray(model.Covariance());
            var u = Matrix<double>.Build.DenseOfArray(model.Directions.ToArray());
            Assert.True((u * u.Transpose() - Matrix<double>.Build.DenseIdentity(c.R)).FrobeniusNorm() < 1e-12, "directions orthonormal");
            for (int j = 0; j < c.R; j++)
            {
                Assert.True((sigma * u.Row(j) - (c.Masses[j] * u.Row(j))).L2Norm() < 1e-12, $"Σu_{j} = π_{j}u_{j}");
            }

            double[] eigen = sigma.Evd().EigenValues.Select(e => e.Real).OrderBy(e => e).ToArray();
            double[] expected = Enumerable.Repeat(eta * eta, c.Extra).Concat(c.Masses).OrderBy(e => e).ToArray();
            for (int q = 0; q < d; q++)
            {
                Assert.True(Math.Abs(eigen[q] - expected[q]) < 1e-10, $"eigenvalue {q}: {eigen[q]} vs {expected[q]}");
            }

            int[] modes = Enumerable.Range(0, c.R * c.PerMode).Select(i => i % c.R).ToArray();
            var phi = Matrix<double>.Build.DenseOfArray(model.SampleFeatures(modes, c.Seed + 1));
            for (int i = 0; i < modes.Length; i++)
            {
                Vector<double> noise = phi.Row(i) - u.Row(modes[i]);
                Assert.True(Math.Abs(noise.L2Norm() - eta) < 1e-12 && (u * noise).L2Norm() < 1e-12, $"point {i}: φ − u_j has norm η and is ⊥ every u");
            }
        }, maxTest: 40);
    }

    /// <summary>
    /// Soft Lemma 1, with explicit constants: an uncovered mode's marginal is within η²·λ_max(Σ) of π_j (exact bound: the
    /// residual is u_j plus an η-small vector orthogonal to u_j); a covered mode's marginal is at most
    /// η²(1 + 2|S|·max π) (the residual is η-small noise whose u-components are O(η)).
    /// </summary>
    [Fact]
    public void Soft_lemma1_uncovered_marginal_is_pi_j_up_to_eta_squared_and_covered_marginal_is_order_eta_squared()
    {
        var cases = from inst in Instances
                    from etaIndex in Gen.Choose(0, 2)
                    select (inst, eta: new[] { 0.2, 0.05, 0.01 }[etaIndex]);
        double worstCovered = 0;
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var (r, perMode, extra, masses, seed) = c.inst;
            int d = r + extra;
            var model = new SpikedCovariance(d, masses, c.eta, seed);
            int[] modes = Enumerable.Range(0, r * perMode).Select(i => i % r).ToArray();
            double[,] features = model.SampleFeatures(modes, seed + 1);
            double[,] sigma = model.Covariance();
            var risk = new ProjectionRisk(features, sigma);
            double lambdaMax = Math.Max(masses.Max(), c.eta * c.eta);
            var random = new Random(seed);
            for (int i = 0; i < modes.Length; i++)
            {
                int[] context = Enumerable.Range(0, modes.Length).Where(p => p != i && random.Next(2) == 0).ToArray();
                double g = risk.Marginal(i, context);
                double reference = ProjectionRiskTests.ReferenceRisk(features, sigma, context) - ProjectionRiskTests.ReferenceRisk(features, sigma, context.Append(i));
                Assert.True(Math.Abs(g - reference) <= 1e-9, $"closed form {g} vs projectors {reference}");
                if (context.Any(p => modes[p] == modes[i]))
                {
                    double bound = c.eta * c.eta * (1 + (2 * context.Length * masses.Max()));
                    worstCovered = Math.Max(worstCovered, g / (c.eta * c.eta));
                    Assert.True(g <= bound, $"covered mode: g = {g} > η²(1 + 2|S| max π) = {bound} (η={c.eta}, |S|={context.Length})");
                }
                else
                {
                    double error = Math.Abs(g - masses[modes[i]]);
                    Assert.True(error <= (c.eta * c.eta * lambdaMax) + 1e-12, $"uncovered mode: |g − π_j| = {error} > η²λ_max = {c.eta * c.eta * lambdaMax}");
                }
            }
        }, maxTest: 80);
    }

    [Fact]
    public void Soft_modes_recover_the_all_or_nothing_dichotomy_as_eta_shrinks_covered_marginal_scales_like_eta_squared()
    {
        // Same directions and noise directions, η halved: a covered marginal shrinks by ≈ 4 (it is η²·(a + O(η))).
        double[] masses = [0.6, 0.3, 0.1];
        int[] modes = [0, 1, 2, 0, 1, 2];
        double Covered(double eta)
        {
            var model = new SpikedCovariance(9, masses, eta, 5);
            var risk = new ProjectionRisk(model.SampleFeatures(modes, 6), model.Covariance());
            return risk.Marginal(3, [0, 1]);
        }

        double ratio = Covered(0.01) / Covered(0.005);
        Assert.InRange(ratio, 3.9, 4.1);
    }
}
