using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Diagnostics;

/// <summary>Naive double-precision references for the diagnostics.</summary>
internal static class DiagnosticsReference
{
    public static double Kernel(KernelKind kind, double gamma, float[,] x, int i, int j) => kind switch
    {
        KernelKind.Linear => Reference.Dot(x, i, x, j),
        KernelKind.Rbf => Math.Exp(-gamma * Reference.SquaredDistance(x, i, x, j)),
        KernelKind.Cosine => Cosine(x, i, x, j),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static double Cosine(float[,] x, int i, float[,] y, int j)
    {
        double denominator = Math.Sqrt(Reference.Dot(x, i, x, i) * Reference.Dot(y, j, y, j));
        return denominator > 0 ? Reference.Dot(x, i, y, j) / denominator : 0;
    }

    public static double[,] Gram(KernelKind kind, double gamma, float[,] x)
    {
        int n = x.GetLength(0);
        var g = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                g[i, j] = Kernel(kind, gamma, x, i, j);
            }
        }

        return g;
    }

    /// <summary>Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (independent of MathNet).</summary>
    public static double[] JacobiEigenvalues(double[,] input)
    {
        int d = input.GetLength(0);
        var a = (double[,])input.Clone();
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < d; p++)
            {
                for (int q = p + 1; q < d; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (int p = 0; p < d; p++)
            {
                for (int q = p + 1; q < d; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300)
                    {
                        continue;
                    }

                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    double c = 1 / Math.Sqrt((t * t) + 1);
                    double s = t * c;
                    for (int r = 0; r < d; r++)
                    {
                        double arp = a[r, p];
                        double arq = a[r, q];
                        a[r, p] = (c * arp) - (s * arq);
                        a[r, q] = (s * arp) + (c * arq);
                    }

                    for (int r = 0; r < d; r++)
                    {
                        double apr = a[p, r];
                        double aqr = a[q, r];
                        a[p, r] = (c * apr) - (s * aqr);
                        a[q, r] = (s * apr) + (c * aqr);
                    }
                }
            }
        }

        return Enumerable.Range(0, d).Select(i => a[i, i]).ToArray();
    }
}
