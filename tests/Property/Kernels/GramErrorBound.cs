using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Kernels;

/// <summary>
/// The float32 error bound that docs/kernels.md states, with u = 2⁻²⁴ and γ_d = d·u / (1 − d·u), checked against
/// the double-precision reference: linear γ_d·Σ|xₚyₚ|; squared distance (2γ_d + 4u)(‖x‖² + ‖y‖²);
/// RBF γ·(2γ_d + 5u)(‖x‖² + ‖y‖²) + 8u; cosine 2γ_d + 6u.
/// </summary>
internal static class GramErrorBound
{
    private const double U = 1.0 / (1 << 24);

    public static double Reference(KernelKind kind, double gamma, float[,] x, int i, float[,] y, int j) => kind switch
    {
        KernelKind.Linear => Infrastructure.Reference.Dot(x, i, y, j),
        KernelKind.SquaredEuclidean => Infrastructure.Reference.SquaredDistance(x, i, y, j),
        KernelKind.Rbf => Math.Exp(-gamma * Infrastructure.Reference.SquaredDistance(x, i, y, j)),
        KernelKind.Cosine => Infrastructure.Reference.Dot(x, i, y, j) / Math.Sqrt(Infrastructure.Reference.Dot(x, i, x, i) * Infrastructure.Reference.Dot(y, j, y, j)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static double Bound(KernelKind kind, double gamma, float[,] x, int i, float[,] y, int j)
    {
        int d = x.GetLength(1);
        double gammaD = d * U / (1 - (d * U));
        double norms = Infrastructure.Reference.Dot(x, i, x, i) + Infrastructure.Reference.Dot(y, j, y, j);
        return kind switch
        {
            KernelKind.Linear => gammaD * AbsoluteDot(x, i, y, j),
            KernelKind.SquaredEuclidean => ((2 * gammaD) + (4 * U)) * norms,
            KernelKind.Rbf => (gamma * ((2 * gammaD) + (5 * U)) * norms) + (8 * U),
            KernelKind.Cosine => (2 * gammaD) + (6 * U),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>Asserts |K − K_ref| ≤ bound for every entry of K = k(X, Y).</summary>
    public static void AssertWithinBound(Kernel kernel, float[,] x, float[,] y, float[,] k, string context)
    {
        double gamma = kernel.Kind == KernelKind.Rbf ? kernel.ResolveGamma(x.GetLength(1)) : 0;
        for (int i = 0; i < k.GetLength(0); i++)
        {
            for (int j = 0; j < k.GetLength(1); j++)
            {
                double expected = Reference(kernel.Kind, gamma, x, i, y, j);
                double bound = Bound(kernel.Kind, gamma, x, i, y, j);
                Assert.True(Math.Abs(k[i, j] - expected) <= bound, $"{context}: K[{i},{j}] = {k[i, j]}, expected {expected} ± {bound}");
            }
        }
    }

    private static double AbsoluteDot(float[,] x, int i, float[,] y, int j)
    {
        double s = 0;
        for (int c = 0; c < x.GetLength(1); c++)
        {
            s += Math.Abs((double)x[i, c] * y[j, c]);
        }

        return s;
    }
}
