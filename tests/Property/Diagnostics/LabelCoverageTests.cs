using FastCoverage.Diagnostics;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Diagnostics;

public class LabelCoverageTests
{
    [Fact]
    public void Count_equals_the_labels_that_have_a_selected_point()
    {
        var cases = from n in Gen.Choose(1, 40)
                    from labels in Gen.Choose(-3, 6).ArrayOf(n)
                    from selection in Gen.Choose(0, n - 1).ArrayOf()
                    select (labels, selection);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            int expected = 0;
            for (int label = -3; label <= 6; label++)
            {
                if (Array.Exists(c.selection, i => c.labels[i] == label))
                {
                    expected++;
                }
            }

            Assert.Equal(expected, LabelCoverage.Count(c.labels, c.selection));
        }, maxTest: 200);
    }

    [Fact]
    public void Out_of_range_selection_throws_argument_exception_naming_the_selection()
    {
        Assert.Equal("selection", Assert.ThrowsAny<ArgumentException>(() => LabelCoverage.Count([1, 2], [2])).ParamName);
        Assert.Equal("selection", Assert.ThrowsAny<ArgumentException>(() => LabelCoverage.Count([1, 2], [-1])).ParamName);
    }
}
