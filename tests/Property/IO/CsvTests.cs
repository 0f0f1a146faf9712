using System.Globalization;
using System.Text;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Tests.Infrastructure;
using FsCheck.Fluent;
using FsCheck;

namespace FastCoverage.Tests.IO;

public class CsvTests
{
    private static Memory2D<float> Read(string text) => Csv.ReadMatrix(new StringReader(text), "data.csv");

    private static string ReadFails(string text) => Assert.Throws<InvalidDataException>(() => Read(text)).Message;

    [Fact]
    public void Formatted_matrix_reads_back_equal_for_every_delimiter_header_quoting_and_line_ending()
    {
        var cases = from rows in Gen.Choose(1, 20)
                    from columns in Gen.Choose(1, 12)
                    from delimiter in Gen.Elements(',', ';', '\t')
                    from header in Gen.Elements(true, false)
                    from quoted in Gen.Elements(true, false)
                    from crlf in Gen.Elements(true, false)
                    from trailingBlankLines in Gen.Choose(0, 3)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (rows, columns, delimiter, header, quoted, crlf, trailingBlankLines, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] m = Reference.RandomMatrix(c.rows, c.columns, c.seed, scale: 1000f);
            string newline = c.crlf ? "\r\n" : "\n";
            var text = new StringBuilder();
            if (c.header)
            {
                text.AppendJoin(c.delimiter, Enumerable.Range(0, c.columns).Select(j => c.quoted ? $"\"feature {j}\"" : $"x{j}")).Append(newline);
            }

            for (int i = 0; i < c.rows; i++)
            {
                text.AppendJoin(c.delimiter, Enumerable.Range(0, c.columns).Select(j =>
                {
                    string number = m[i, j].ToString("R", CultureInfo.InvariantCulture);
                    return c.quoted && (i + j) % 2 == 0 ? $"\"{number}\"" : (j % 3 == 1 ? $" {number} " : number);
                })).Append(newline);
            }

            text.Append(string.Concat(Enumerable.Repeat(newline, c.trailingBlankLines)));

            Memory2D<float> read = Read(text.ToString());

            Assert.Equal(c.rows, read.Height);
            Assert.Equal(c.columns, read.Width);
            Assert.Equal(m.Cast<float>().ToArray(), read.ToArray().Cast<float>().ToArray());
        }, maxTest: 80);
    }

    [Theory]
    [InlineData("1,2,3\n4,5\n", "row 2: the row has 2 fields but row 1 has 3")]
    [InlineData("a,b\n1,2\n3,4,5\n", "row 3: the row has 3 fields but row 2 has 2")]
    [InlineData("a,b,c\n1,2\n", "row 2: the row has 2 fields but the header has 3")]
    [InlineData("1,2\n3,x\n", "row 2, column 2: 'x' is not a number")]
    [InlineData("1;2\n3;4,5\n", "row 2, column 2: '4,5' is not a number")]
    [InlineData("1,2\n3,\n", "row 2, column 2: the field is empty")]
    [InlineData("h1,h2\n1,NaN\n", "row 2, column 2: 'NaN' is not a finite number")]
    [InlineData("1,2\n-Infinity,4\n", "row 2, column 1: '-Infinity' is not a finite number")]
    [InlineData("1,2\n1e39,4\n", "row 2, column 1: '1e39' is not a finite number")]
    [InlineData("1,2\n\n3,4\n", "row 2: the row is blank but data rows follow it")]
    [InlineData("1,,3\n4,5,6\n", "row 1, column 2: the field is empty")]
    [InlineData("1,\"2\n", "row 1, column 2: the quoted field is not closed")]
    [InlineData("1,\"2\"x\n", "row 1, column 2: text follows the closing quote")]
    [InlineData("", "holds no data rows")]
    [InlineData("\n\n", "holds no data rows")]
    [InlineData("a,b,c\n\n", "holds no data rows")]
    public void Malformed_csv_is_refused_naming_the_file_row_and_column(string text, string message)
    {
        string error = ReadFails(text);
        Assert.Contains("'data.csv'", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Delimiter_is_the_most_frequent_of_comma_semicolon_and_tab_on_the_first_line()
    {
        Assert.Equal(',', CsvReader.DetectDelimiter("1,2,3"));
        Assert.Equal(';', CsvReader.DetectDelimiter("1;2;3"));
        Assert.Equal('\t', CsvReader.DetectDelimiter("1\t2\t3"));
        Assert.Equal(',', CsvReader.DetectDelimiter("17"));
        Assert.Equal(';', CsvReader.DetectDelimiter("\"a,b\";c;d"));
        Assert.Equal(';', CsvReader.DetectDelimiter("\"a,b,c\";d"));
        Assert.Equal('\t', CsvReader.DetectDelimiter("\"x;y\"\t\"1,2\""));
    }

    [Fact]
    public void Header_is_detected_only_when_a_field_of_the_first_row_is_not_a_number()
    {
        Assert.Equal(2, Read("1,2\n3,4\n").Height);
        Assert.Equal(1, Read("x,2\n3,4\n").Height);
        Assert.Equal(1, Read("\"\",\"y\"\n3,4\n").Height);
        Assert.Equal(1, Read(",y\n3,4\n").Height);
        Memory2D<float> single = Read("7\n");
        Assert.Equal(7f, single.Span[0, 0]);
    }

    [Fact]
    public void Csv_file_with_byte_order_mark_reads_from_disk()
    {
        using var folder = new TempFolder();
        string path = folder.File("bom.csv");
        File.WriteAllText(path, "a;b\r\n1.5;-2e-3\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Memory2D<float> m = Csv.ReadMatrix(path);
        Assert.Equal(new float[,] { { 1.5f, -2e-3f } }, m.ToArray());
    }
}
