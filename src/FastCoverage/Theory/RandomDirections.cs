namespace FastCoverage.Theory;

/// <summary>Seeded Gaussian draws and random orthonormal directions for the theory generators.</summary>
internal static class RandomDirections
{
    /// <summary>A standard normal draw (Box–Muller on two uniforms from <paramref name="random"/>).</summary>
    public static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// <paramref name="count"/> orthonormal rows in ℝ^<paramref name="dimension"/>: Gaussian vectors orthonormalized by
    /// modified Gram–Schmidt, applied twice (stable to machine precision).
    /// </summary>
    public static double[,] Orthonormal(int count, int dimension, Random random)
    {
        var q = new double[count, dimension];
        var v = new double[dimension];
        for (int j = 0; j < count; j++)
        {
            double norm;
            do
            {
                for (int c = 0; c < dimension; c++)
                {
                    v[c] = Gaussian(random);
                }

                OrthogonalizeInPlace(q, j, v);
                OrthogonalizeInPlace(q, j, v);
                norm = Math.Sqrt(Dot(v, v));
            }
            while (norm < 1e-8);

            for (int c = 0; c < dimension; c++)
            {
                q[j, c] = v[c] / norm;
            }
        }

        return q;
    }

    /// <summary>A unit vector uniformly distributed on the sphere of the orthogonal complement of the first rows of q.</summary>
    public static void UnitOrthogonalTo(double[,] q, int rows, Random random, Span<double> destination)
    {
        double norm;
        do
        {
            for (int c = 0; c < destination.Length; c++)
            {
                destination[c] = Gaussian(random);
            }

            OrthogonalizeInPlace(q, rows, destination);
            OrthogonalizeInPlace(q, rows, destination);
            norm = Math.Sqrt(Dot(destination, destination));
        }
        while (norm < 1e-8);

        for (int c = 0; c < destination.Length; c++)
        {
            destination[c] /= norm;
        }
    }

    private static void OrthogonalizeInPlace(double[,] q, int rows, Span<double> v)
    {
        for (int i = 0; i < rows; i++)
        {
            double projection = 0;
            for (int c = 0; c < v.Length; c++)
            {
                projection += q[i, c] * v[c];
            }

            for (int c = 0; c < v.Length; c++)
            {
                v[c] -= projection * q[i, c];
            }
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
