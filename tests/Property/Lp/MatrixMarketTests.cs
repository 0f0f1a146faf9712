using FastCoverage.Lp;
using FastCoverage.Lp.IO;
using FastCoverage.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace FastCoverage.Tests.Lp;

public sealed class MatrixMarketTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fc-mtx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Write_then_read_is_bit_exact_for_float32_values_of_any_magnitude()
    {
        var cases = from n in Gen.Choose(0, 20)
                    from m in Gen.Choose(0, 20)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, m, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var dense = new float[c.n, c.m];
            for (int i = 0; i < c.n; i++)
            {
                for (int j = 0; j < c.m; j++)
                {
                    // Random bit patterns cover subnormals, tiny and huge exponents and full mantissas.
                    float value = random.Next(3) switch
                    {
                        0 => 0f,
                        1 => BitConverter.Int32BitsToSingle(random.Next()) * (random.Next(2) == 0 ? 1 : -1),
                        _ => (float)(random.NextDouble() - 0.5),
                    };
                    dense[i, j] = float.IsFinite(value) ? value : 1f;
                }
            }

            string path = Path.Combine(_folder, $"t{c.seed}.mtx");
            MatrixMarket.Write(path, CdvmReference.Csr(dense));
            float[,] back = MatrixMarket.Read(path).ToDense();
            Assert.Equal(c.n, back.GetLength(0));
            Assert.Equal(c.m, back.GetLength(1));
            for (int i = 0; i < c.n; i++)
            {
                for (int j = 0; j < c.m; j++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(dense[i, j]), BitConverter.SingleToInt32Bits(back[i, j]));
                }
            }
        }, maxTest: 40);
    }

    [Fact]
    public void Reads_a_file_in_scipy_mmwrite_layout_with_comments_column_major_order_and_e_notation()
    {
        // scipy.io.mmwrite of a 3 × 4 matrix: header, '%' comment lines, size line, 1-based "i j v" lines
        // (older scipy writes %.16e values in column-major order; newer writes shortest repr).
        string path = Write("scipy.mtx",
            "%%MatrixMarket matrix coordinate real general\n" +
            "%\n" +
            "% a comment\n" +
            "3 4 4\n" +
            "2 1 -2.5000000000000000e-01\n" +
            "1 2 1.5\n" +
            "3 2 1e-05\n" +
            "3 4 7\n");
        CsrMatrix t = MatrixMarket.Read(path);
        var expected = new float[3, 4];
        expected[1, 0] = -0.25f;
        expected[0, 1] = 1.5f;
        expected[2, 1] = 1e-5f;
        expected[2, 3] = 7f;
        Assert.Equal(expected, t.ToDense());
        Assert.Equal(4, t.NonZeroCount);
    }

    [Fact]
    public void Written_file_has_the_scipy_readable_header_size_line_and_one_based_entries()
    {
        var dense = new float[2, 3];
        dense[0, 2] = 0.1f;
        dense[1, 0] = -3f;
        string path = Path.Combine(_folder, "w.mtx");
        MatrixMarket.Write(path, CdvmReference.Csr(dense));
        string[] lines = File.ReadAllLines(path);
        Assert.Equal("%%MatrixMarket matrix coordinate real general", lines[0]);
        string[] data = lines.Where(l => !l.StartsWith('%')).ToArray();
        Assert.Equal(["2 3 2", "1 3 0.1", "2 1 -3"], data);
    }

    [Fact]
    public void Duplicate_entries_are_summed_as_scipy_does()
    {
        string path = Write("dup.mtx", "%%MatrixMarket matrix coordinate real general\n1 2 2\n1 2 0.5\n1 2 0.25\n");
        Assert.Equal(new float[,] { { 0f, 0.75f } }, MatrixMarket.Read(path).ToDense());
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n", 1)]
    [InlineData("%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 1 1\n", 1)]
    [InlineData("%%MatrixMarket matrix coordinate complex general\n2 2 1\n1 1 1 0\n", 1)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n% only comments\n", 3)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 x 1\n1 1 1\n", 2)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n", 3)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n0 1 1\n", 3)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n2 2 abc\n", 4)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 nan\n", 3)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1e300\n", 3)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1\n", 3)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 2\n", 4)]
    [InlineData("%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1\n2 2 2\n", 4)]
    public void Malformed_files_throw_InvalidDataException_naming_file_and_line(string content, int line)
    {
        string path = Write("bad.mtx", content);
        var e = Assert.Throws<InvalidDataException>(() => MatrixMarket.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"line {line}:", e.Message);
    }
}
