using CommunityToolkit.HighPerformance;
using FastCoverage.Scores;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Scores;

public class PrototypicalityTests
{
    [Fact]
    public void Prototypicality_is_the_cosine_to_the_own_class_mean()
    {
        var cases = from n in Gen.Choose(1, 50)
                    from d in Gen.Choose(1, 19)
                    from classes in Gen.Choose(1, 6)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, d, classes, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] x = Reference.RandomMatrix(c.n, c.d, c.seed);
            var random = new Random(c.seed);
            int[] labels = Enumerable.Range(0, c.n).Select(_ => (random.Next(c.classes) * 7) - 3).ToArray();
            double[] p = Prototypicality.Compute(new ReadOnlySpan2D<float>(x), labels);
            for (int i = 0; i < c.n; i++)
            {
                int[] members = Enumerable.Range(0, c.n).Where(j => labels[j] == labels[i]).ToArray();
                double[] mean = Enumerable.Range(0, c.d).Select(k => members.Average(j => (double)x[j, k])).ToArray();
                double dot = Enumerable.Range(0, c.d).Sum(k => x[i, k] * mean[k]);
                double norms = Math.Sqrt(Enumerable.Range(0, c.d).Sum(k => (double)x[i, k] * x[i, k])) * Math.Sqrt(mean.Sum(v => v * v));
                double expected = dot / norms;
                Assert.True(Math.Abs(p[i] - expected) <= 1e-12, $"{c}: p[{i}] = {p[i]}, expected {expected}");
            }
        }, maxTest: 80);
    }

    [Fact]
    public void A_zero_vector_and_a_zero_class_mean_give_prototypicality_0()
    {
        float[,] x = { { 0f, 0f }, { 1f, 2f }, { 1f, 1f }, { -1f, -1f } };
        double[] p = Prototypicality.Compute(new ReadOnlySpan2D<float>(x), [0, 0, 1, 1]);
        Assert.Equal(0.0, p[0]);
        Assert.Equal(1.0, p[1], 12);
        Assert.Equal(0.0, p[2]);
        Assert.Equal(0.0, p[3]);
    }

    [Fact]
    public void Bad_inputs_throw_ArgumentException_naming_the_parameter()
    {
        float[,] x = Reference.RandomMatrix(3, 2, 1);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Prototypicality.Compute(new ReadOnlySpan2D<float>(x), [0, 1])).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => Prototypicality.Compute(new ReadOnlySpan2D<float>(new float[0, 2]), [])).ParamName);
        x[0, 1] = float.NaN;
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => Prototypicality.Compute(new ReadOnlySpan2D<float>(x), [0, 1, 0])).ParamName);
    }
}
