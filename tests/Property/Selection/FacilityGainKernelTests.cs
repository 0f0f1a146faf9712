using FastCoverage.Selection;

namespace FastCoverage.Tests.Selection;

public class FacilityGainKernelTests
{
    public static TheoryData<string> Paths()
    {
        var data = new TheoryData<string>();
        foreach (var path in FacilityGainKernel.SupportedPaths())
        {
            data.Add(path.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_matches_a_scalar_double_reference_at_every_length_0_to_130(string pathName)
    {
        var path = Enum.Parse<GainKernelPath>(pathName);
        var random = new Random(17);
        for (int length = 0; length <= 130; length++)
        {
            float[] s = new float[length];
            float[] cur = new float[length];
            for (int i = 0; i < length; i++)
            {
                s[i] = random.NextSingle();
                cur[i] = random.NextSingle();
            }

            double expected = 0;
            double magnitude = 0;
            for (int i = 0; i < length; i++)
            {
                expected += Math.Max((double)s[i] - cur[i], 0);
                magnitude += Math.Abs((double)s[i] - cur[i]);
            }

            float actual = FacilityGainKernel.Sum(s, cur, path);
            Assert.True(Math.Abs(actual - expected) <= (1e-6 * magnitude) + 1e-7, $"{path} length {length}: {actual} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_counts_each_element_once_so_exact_inputs_give_the_exact_sum(string pathName)
    {
        var path = Enum.Parse<GainKernelPath>(pathName);
        for (int length = 0; length <= 130; length++)
        {
            // Each term is (i mod 3) + 1 when s exceeds cur, so the exact sum is a small integer, exact in float.
            float[] s = new float[length];
            float[] cur = new float[length];
            int expected = 0;
            for (int i = 0; i < length; i++)
            {
                bool covered = i % 5 == 0;
                s[i] = (i % 3) + 1 + (covered ? 0 : 1);
                cur[i] = covered ? 7 : 1;
                expected += covered ? 0 : (i % 3) + 1;
            }

            Assert.Equal(expected, FacilityGainKernel.Sum(s, cur, path));
        }
    }

    [Fact]
    public void Skipping_covered_groups_gives_the_vector512_sum_bit_for_bit()
    {
        var random = new Random(23);
        for (int length = 0; length <= 300; length++)
        {
            for (int trial = 0; trial < 4; trial++)
            {
                int groups = length / FacilityGainKernel.GroupLength;
                float[] s = new float[length];
                float[] cur = new float[length];
                for (int i = 0; i < length; i++)
                {
                    // Quarter-quantized values, so that s = cur (a zero difference) happens often.
                    s[i] = random.Next(5) / 4f;
                    cur[i] = random.Next(5) / 4f;
                }

                // Cover some whole groups (every s ≤ every cur there), some all but one entry (s exceeds cur by a quarter).
                for (int g = 0; g < groups; g++)
                {
                    int kind = random.Next(3);
                    if (kind > 0)
                    {
                        for (int i = g * 64; i < (g + 1) * 64; i++)
                        {
                            cur[i] = 1f;
                        }
                    }

                    if (kind == 2)
                    {
                        int open = (g * 64) + random.Next(64);
                        s[open] = 1f;
                        cur[open] = 0.75f;
                    }
                }

                float[] sMax = new float[groups];
                float[] curMin = new float[groups];
                for (int g = 0; g < groups; g++)
                {
                    sMax[g] = s.Skip(g * 64).Take(64).Max();
                    curMin[g] = cur.Skip(g * 64).Take(64).Min();
                }

                float expected = FacilityGainKernel.Sum(s, cur, GainKernelPath.Vector512);
                float actual = FacilityGainKernel.SumSkippingCovered(s, cur, sMax, curMin);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
            }
        }
    }

    [Fact]
    public void Skipping_covered_groups_does_not_read_them()
    {
        // A NaN inside a group declared covered would poison the sum if it were read.
        float[] s = Enumerable.Range(0, 150).Select(i => i % 7 / 8f).ToArray();
        float[] cur = new float[150];
        s[70] = float.NaN;
        float expected = s.Where((v, i) => i < 64 || i >= 128).Sum();
        Assert.Equal(expected, FacilityGainKernel.SumSkippingCovered(s, cur, [1f, 0f], [0f, 0f]), 4);
    }

    [Fact]
    public void Group_maxima_and_minimum_match_a_linq_reference_and_propagate_nan()
    {
        var random = new Random(29);
        for (int length = 0; length <= 300; length += 7)
        {
            float[] v = Enumerable.Range(0, length).Select(_ => (random.NextSingle() * 4f) - 1f).ToArray();
            int groups = length / 64;
            float[] maxima = new float[groups];
            float min = FacilityGainKernel.GroupMaximaAndMinimum(v, maxima);
            Assert.Equal(length == 0 ? float.PositiveInfinity : v.Min(), min);
            for (int g = 0; g < groups; g++)
            {
                Assert.Equal(v.Skip(g * 64).Take(64).Max(), maxima[g]);
            }

            if (length > 0)
            {
                v[random.Next(length)] = float.NaN;
                Assert.True(float.IsNaN(FacilityGainKernel.GroupMaximaAndMinimum(v, maxima)), $"length {length}");
            }
        }
    }

    [Fact]
    public void Mismatched_lengths_throw_argument_exception_naming_the_coverage()
    {
        var e = Assert.Throws<ArgumentException>(() => FacilityGainKernel.Sum(new float[5], new float[4], GainKernelPath.Scalar));
        Assert.Equal("coverage", e.ParamName);
    }

    [Fact]
    public void Forcing_an_unknown_path_through_the_environment_value_is_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => FacilityGainKernel.ChoosePath("avx9000"));
        Assert.Equal(GainKernelPath.Scalar, FacilityGainKernel.ChoosePath("scalar"));
    }
}
