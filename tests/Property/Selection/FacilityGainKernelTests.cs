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
