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

    /// <summary>k-center's scans mix four-row and one-row measurements of the same rows, so they must agree bit for bit.</summary>
    [Fact]
    public unsafe void Four_rows_at_once_are_bit_identical_to_one_row_at_a_time_for_every_length()
    {
        float* result = stackalloc float[4];
        for (int d = 1; d <= 130; d++)
        {
            for (int seed = 0; seed < 4; seed++)
            {
                float[,] x = Reference.RandomMatrix(5, d, (d * 131) + seed, scale: seed % 2 == 0 ? 1f : 1000f);
                fixed (float* p = x)
                {
                    float* c = p + (4 * d);
                    SquaredDistance.ComputeFour(p, p + d, p + (2 * d), p + (3 * d), c, d, result);
                    for (int u = 0; u < 4; u++)
                    {
                        float single = SquaredDistance.Compute(p + (u * d), c, d);
                        Assert.True(BitConverter.SingleToInt32Bits(single) == BitConverter.SingleToInt32Bits(result[u]), $"d={d} row {u}: {result[u]} vs {single}");
                        double expected = Reference.SquaredDistance(x, u, x, 4);
                        Assert.True(Math.Abs(result[u] - expected) <= SquaredDistance.RelativeErrorBound(d) * expected, $"d={d} row {u}: {result[u]} vs {expected}");
                    }
                }
            }
        }
    }
}
