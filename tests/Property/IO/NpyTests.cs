using System.Text;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Tests.Infrastructure;
using FsCheck.Fluent;
using FsCheck;

namespace FastCoverage.Tests.IO;

public class NpyTests
{
    private static NpyArray ReadBytes(byte[] bytes) => Npy.Read(new MemoryStream(bytes), "test.npy");

    private static InvalidDataException ReadFails(byte[] bytes) => Assert.Throws<InvalidDataException>(() => ReadBytes(bytes));

    [Fact]
    public void Reading_spec_built_bytes_gives_the_values_for_every_version_dtype_and_byte_order_prefix()
    {
        var cases = from major in Gen.Elements(1, 2, 3)
                    from dtype in Gen.Elements(Enum.GetValues<NpyDType>())
                    from prefix in Gen.Elements('<', '=', '|')
                    from rows in Gen.Choose(0, 9)
                    from columns in Gen.Choose(0, 9)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (major, dtype, prefix, rows, columns, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            long[] values = Enumerable.Range(0, c.rows * c.columns).Select(_ => random.NextInt64(-1_000_000, 1_000_000)).ToArray();
            (string type, byte[] data) = c.dtype switch
            {
                NpyDType.Float32 => ("f4", NpyBytes.Float32(values.Select(v => v / 8f))),
                NpyDType.Float64 => ("f8", NpyBytes.Float64(values.Select(v => v / 8.0))),
                NpyDType.Int32 => ("i4", NpyBytes.Int32(values.Select(v => (int)v))),
                _ => ("i8", NpyBytes.Int64(values.Select(v => v * 1_000_000_007L))),
            };
            byte[] bytes = NpyBytes.Build(c.major, NpyBytes.Dict(c.prefix + type, false, $"({c.rows}, {c.columns})"), data);

            NpyArray array = ReadBytes(bytes);

            Assert.Equal(c.dtype, array.DType);
            Assert.Equal([c.rows, c.columns], array.Shape);
            Assert.Equal(data, array.Bytes.ToArray());
        }, maxTest: 60);
    }

    [Fact]
    public void Fortran_order_file_is_transposed_into_row_major_order()
    {
        // A 2×3 matrix [[1,2,3],[4,5,6]] stored column by column, as numpy writes np.asfortranarray(m).
        byte[] data = NpyBytes.Float64([1, 4, 2, 5, 3, 6]);
        NpyArray array = ReadBytes(NpyBytes.Build(1, NpyBytes.Dict("<f8", true, "(2, 3)"), data));
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], array.AsSpan<double>().ToArray());
    }

    [Fact]
    public void Version_3_header_may_hold_utf8_and_python2_long_suffixes_and_double_quotes_are_accepted()
    {
        string dict = "{\"descr\": \"<i4\", \"fortran_order\": False, \"shape\": (2L, 1L), } # é";
        // A trailing comment is not part of the format: the parser must refuse it; without it the file reads.
        ReadFails(NpyBytes.Build(3, dict, NpyBytes.Int32([7, 8])));
        NpyArray array = ReadBytes(NpyBytes.Build(3, dict[..^4], NpyBytes.Int32([7, 8])));
        Assert.Equal([7, 8], array.AsSpan<int>().ToArray());
    }

    [Fact]
    public void One_dimensional_and_scalar_shapes_are_read()
    {
        NpyArray vector = ReadBytes(NpyBytes.Build(1, NpyBytes.Dict("<f4", false, "(3,)"), NpyBytes.Float32([1, 2, 3])));
        Assert.Equal([3], vector.Shape);
        Assert.Equal([1f, 2, 3], vector.AsSpan<float>().ToArray());
        NpyArray scalar = ReadBytes(NpyBytes.Build(1, NpyBytes.Dict("<i8", false, "()"), NpyBytes.Int64([42])));
        Assert.Equal(0, scalar.Rank);
        Assert.Equal([42L], scalar.AsSpan<long>().ToArray());
    }

    [Theory]
    [InlineData(">f4", "big-endian")]
    [InlineData("<f2", "not supported")]
    [InlineData("<u4", "not supported")]
    [InlineData("|O", "object array")]
    [InlineData("|b1", "not supported")]
    [InlineData("<c8", "not supported")]
    public void Unsupported_dtypes_are_refused_with_a_message_saying_why(string descr, string reason)
    {
        var e = ReadFails(NpyBytes.Build(1, NpyBytes.Dict(descr, false, "(1,)"), new byte[8]));
        Assert.Contains(reason, e.Message);
        Assert.Contains("test.npy", e.Message);
    }

    [Theory]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", "structured")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", "3 dimensions")]
    [InlineData("{'descr': '<f4', 'shape': (2,), }", "lacks")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1, }", "unexpected key")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }", "fortran_order")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }", "bad dimension")]
    [InlineData("'descr': '<f4', 'fortran_order': False, 'shape': (2,)", "no '{'")]
    [InlineData("{'descr: '<f4', 'fortran_order': False, 'shape': (2,), }", "header")]
    public void Malformed_headers_are_refused_naming_the_file(string dict, string reason)
    {
        var e = ReadFails(NpyBytes.Build(1, dict, new byte[64]));
        Assert.Contains(reason, e.Message);
        Assert.Contains("'test.npy'", e.Message);
    }

    [Fact]
    public void Bad_magic_unknown_version_and_truncation_are_refused()
    {
        byte[] good = NpyBytes.Build(1, NpyBytes.Dict("<f4", false, "(2, 2)"), NpyBytes.Float32([1, 2, 3, 4]));
        byte[] badMagic = (byte[])good.Clone();
        badMagic[1] = (byte)'X';
        Assert.Contains("magic", ReadFails(badMagic).Message);
        byte[] badVersion = (byte[])good.Clone();
        badVersion[6] = 4;
        Assert.Contains("version 4.0", ReadFails(badVersion).Message);
        Assert.Contains("truncated", ReadFails(good[..5]).Message);
        Assert.Contains("truncated", ReadFails(good[..30]).Message);
        Assert.Contains("16 data bytes but only 15", ReadFails(good[..^1]).Message);
        Assert.Contains("bytes after", ReadFails([.. good, 0]).Message);
        Assert.Equal([1f, 2, 3, 4], ReadBytes(good).AsSpan<float>().ToArray());
    }

    [Fact]
    public void Typed_span_of_the_wrong_type_is_refused()
    {
        NpyArray array = ReadBytes(NpyBytes.Build(1, NpyBytes.Dict("<f4", false, "(1,)"), NpyBytes.Float32([1])));
        Assert.Throws<InvalidOperationException>(() => array.AsSpan<double>().Length);
    }

    [Fact]
    public void Written_matrix_reads_back_equal_for_random_shapes_including_views_with_a_pitch()
    {
        using var folder = new TempFolder();
        var cases = from rows in Gen.Choose(0, 40)
                    from columns in Gen.Choose(0, 40)
                    from pitch in Gen.Choose(0, 3)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (rows, columns, pitch, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            float[,] backing = Reference.RandomMatrix(c.rows, c.columns + c.pitch, c.seed, scale: 1e6f);
            var view = new ReadOnlySpan2D<float>(backing).Slice(0, 0, c.rows, c.columns);
            string path = folder.File("m.npy");
            Npy.Write(path, view);
            NpyArray array = Npy.Read(path);
            Assert.Equal(NpyDType.Float32, array.DType);
            Assert.Equal([c.rows, c.columns], array.Shape);
            float[] expected = new float[c.rows * c.columns];
            view.CopyTo(expected);
            Assert.Equal(expected, array.AsSpan<float>().ToArray());
        }, maxTest: 40);
        Assert.Equal(["m.npy"], folder.Files());
    }

    [Fact]
    public void Written_vectors_of_every_dtype_read_back_equal()
    {
        using var folder = new TempFolder();
        var cases = from n in Gen.Choose(0, 100)
                    from seed in Gen.Choose(0, int.MaxValue - 1)
                    select (n, seed);
        Properties.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            float[] floats = Enumerable.Range(0, c.n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            double[] doubles = Enumerable.Range(0, c.n).Select(_ => random.NextDouble() * 1e300).ToArray();
            int[] ints = Enumerable.Range(0, c.n).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray();
            Npy.Write(folder.File("f.npy"), floats);
            Npy.Write(folder.File("d.npy"), doubles);
            Npy.Write(folder.File("i.npy"), ints);
            Assert.Equal(floats, Npy.Read(folder.File("f.npy")).AsSpan<float>().ToArray());
            Assert.Equal(doubles, Npy.Read(folder.File("d.npy")).AsSpan<double>().ToArray());
            Assert.Equal(ints, Npy.Read(folder.File("i.npy")).AsSpan<int>().ToArray());
            Assert.Equal([c.n], Npy.Read(folder.File("i.npy")).Shape);
        }, maxTest: 30);
    }

    [Fact]
    public void Written_file_follows_the_spec_layout_version_1_header_ending_in_newline_and_data_at_a_multiple_of_64()
    {
        using var folder = new TempFolder();
        string path = folder.File("m.npy");
        Npy.Write(path, new ReadOnlySpan2D<float>(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
        Assert.Equal(1, bytes[6]);
        int headerLength = bytes[8] | (bytes[9] << 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        string header = Encoding.Latin1.GetString(bytes, 10, headerLength);
        Assert.EndsWith("\n", header);
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.TrimEnd());
        Assert.Equal(NpyBytes.Float32([1, 2, 3, 4, 5, 6]), bytes[(10 + headerLength)..]);
    }

    [Fact]
    public void Writing_into_a_missing_folder_fails_and_leaves_nothing()
    {
        using var folder = new TempFolder();
        Assert.Throws<DirectoryNotFoundException>(() => Npy.Write(folder.File("missing/m.npy"), new float[] { 1 }));
        Assert.Empty(folder.Files());
    }
}
