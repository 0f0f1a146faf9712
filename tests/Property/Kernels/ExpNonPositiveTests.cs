using System.Runtime.Intrinsics;
using FastCoverage.Kernels;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Kernels;

public class ExpNonPositiveTests
{
    [Fact]
    public void Exp_is_within_two_float_ulps_of_the_double_exponential_and_every_width_agrees_bitwise()
    {
        var cases = from magnitude in Gen.Elements(1e-6f, 1e-2f, 1f, 10f, 87f, 120f)
                    from u in Gen.Choose(0, 1 << 24)
                    select -magnitude * u / (1 << 24);
        Properties.ForAll(cases.ToArbitrary(), x =>
        {
            float scalar = ExpNonPositive.Exp(x);
            if (x >= -87f)
            {
                double expected = Math.Exp(x);
                double ulp = Math.Max(MathF.BitIncrement((float)expected) - (float)expected, float.Epsilon);
                Assert.True(Math.Abs(scalar - expected) <= 2 * ulp, $"exp({x}) = {scalar}, expected {expected}");
            }
            else
            {
                Assert.Equal(0f, scalar);
            }

            Assert.Equal(scalar, ExpNonPositive.Exp(Vector512.Create(x)).GetElement(7));
            Assert.Equal(scalar, ExpNonPositive.Exp(Vector256.Create(x)).GetElement(3));
        }, maxTest: 2000);
    }

    [Fact]
    public void Exp_of_zero_is_exactly_one() => Assert.Equal(1f, ExpNonPositive.Exp(0f));
}
