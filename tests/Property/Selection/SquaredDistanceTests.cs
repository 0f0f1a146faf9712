using System.Runtime.Intrinsics;
using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.Selection;

public class SquaredDistanceTests
{
    /// <summary>k-center's skip margin assumes this relative bound; every length 1–130 runs every SIMD tail, on every path this machine has.</summary>
    [Fact]
    public unsafe void Squared_distance_is_within_its_relative_error_bound_of_the_double_reference_for_every_length()
    {
        for (int d = 1; d <= 130; d++)
        {
            for (int seed = 0; seed < 8; seed++)
            {
                float[,] x = Reference.RandomMatrix(2, d, (d * 31) + seed, scale: seed % 2 == 0 ? 1f : 1000f);
                double expected = Reference.SquaredDistance(x, 0, x, 1);
                fixed (float* p = x)
                {
                    var paths = new List<(string Name, float Value)>
                    {
                        ("dispatch", SquaredDistance.Compute(p, p + d, d)),
                        ("scalar", SquaredDistance.ComputeScalar(p, p + d, 0, d, 0f)),
                    };
                    if (Vector256.IsHardwareAccelerated)
                    {
                        paths.Add(("Vector256", SquaredDistance.ComputeVector256(p, p + d, d)));
                    }

                    if (Vector512.IsHardwareAccelerated)
                    {
                        paths.Add(("Vector512", SquaredDistance.ComputeVector512(p, p + d, d)));
                    }

                    foreach (var (name, actual) in paths)
                    {
                        Assert.True(Math.Abs(actual - expected) <= SquaredDistance.RelativeErrorBound(d) * expected, $"{name} d={d}: {actual} vs {expected}");
                    }
                }
            }
        }
    }
}
