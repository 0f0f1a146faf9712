using FastCoverage.Selection;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Selection;

public class TopKTests
{
    /// <summary>Scores from a small value set (many ties), including ±∞.</summary>
    internal static Gen<float[]> TiedScores(int maxLength) =>
        from n in Gen.Choose(0, maxLength)
        from values in Gen.Elements(-2f, -1f, 0f, 0.5f, 1f, 3f, float.PositiveInfinity, float.NegativeInfinity).ArrayOf(n)
        select values;

    /// <summary>Selection sort reference: repeatedly the unchosen point with the largest score, lowest index on ties.</summary>
    internal static List<int> NaiveRanking(float[] scores, int k, Func<int, bool> allowed)
    {
        var chosen = new List<int>();
        while (chosen.Count < k)
        {
            int best = -1;
            for (int i = 0; i < scores.Length; i++)
            {
                if (!chosen.Contains(i) && allowed(i) && (best < 0 || scores[i] > scores[best]))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            chosen.Add(best);
        }

        return chosen;
    }

    [Fact]
    public void Top_k_equals_repeated_argmax_with_ties_to_lowest_index()
    {
        var cases = from scores in TiedScores(40)
                    from kFraction in Gen.Choose(0, 100)
                    select (scores, k: scores.Length * kFraction / 100);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int[] selected = TopK.Select(c.scores, c.k);
            Assert.Equal(NaiveRanking(c.scores, c.k, _ => true), selected);
        }, maxTest: 200);
    }

    [Fact]
    public void Bad_input_throws_argument_exception_naming_the_parameter()
    {
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => TopK.Select(new float[3], 4)).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => TopK.Select(new float[3], -1)).ParamName);
        Assert.Equal("scores", Assert.ThrowsAny<ArgumentException>(() => TopK.Select([1f, float.NaN], 1)).ParamName);
    }
}
