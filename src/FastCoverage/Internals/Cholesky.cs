using System.Numerics.Tensors;

namespace FastCoverage;

/// <summary>
/// Dense Cholesky factorization A = L·Lᵀ in double precision on row-major n×n storage, and multi-right-hand-side
/// solves (used by the ridge learner).
/// </summary>
internal static class Cholesky
{
    /// <summary>Overwrites the lower triangle of <paramref name="a"/> (n×n) with L; zeroes the strict upper triangle.</summary>
    /// <returns><see langword="false"/> when A is not (numerically) positive definite.</returns>
    public static bool Factor(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            Span<double> rowJ = a.Slice(j * n, n);
            double diagonal = rowJ[j] - TensorPrimitives.SumOfSquares(rowJ[..j]);
            if (!(diagonal > 0))
            {
                return false;
            }

            double ljj = Math.Sqrt(diagonal);
            rowJ[j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                Span<double> rowI = a.Slice(i * n, n);
                rowI[j] = (rowI[j] - TensorPrimitives.Dot(rowI[..j], rowJ[..j])) / ljj;
            }
        }

        for (int i = 0; i < n; i++)
        {
            a.Slice((i * n) + i + 1, n - i - 1).Clear();
        }

        return true;
    }

    /// <summary>Solves L·Lᵀ·X = B in place for B of shape n×r (row-major).</summary>
    public static void Solve(ReadOnlySpan<double> l, int n, Span<double> b, int r)
    {
        // Forward: L·Z = B, row by row.
        for (int i = 0; i < n; i++)
        {
            Span<double> bi = b.Slice(i * r, r);
            for (int k = 0; k < i; k++)
            {
                double lik = l[(i * n) + k];
                if (lik != 0)
                {
                    TensorPrimitives.MultiplyAdd(b.Slice(k * r, r), -lik, bi, bi);
                }
            }

            TensorPrimitives.Divide(bi, l[(i * n) + i], bi);
        }

        // Backward: Lᵀ·X = Z.
        for (int i = n - 1; i >= 0; i--)
        {
            Span<double> bi = b.Slice(i * r, r);
            for (int k = i + 1; k < n; k++)
            {
                double lki = l[(k * n) + i];
                if (lki != 0)
                {
                    TensorPrimitives.MultiplyAdd(b.Slice(k * r, r), -lki, bi, bi);
                }
            }

            TensorPrimitives.Divide(bi, l[(i * n) + i], bi);
        }
    }
}
