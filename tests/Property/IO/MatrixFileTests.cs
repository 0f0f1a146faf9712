using CommunityToolkit.HighPerformance;
using FastCoverage.IO;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.IO;

public class MatrixFileTests
{
    private static string WriteNpy(TempFolder folder, string name, string descr, string shape, byte[] data, bool fortran = false)
    {
        string path = folder.File(name);
        File.WriteAllBytes(path, NpyBytes.Build(1, NpyBytes.Dict(descr, fortran, shape), data));
        return path;
    }

    [Fact]
    public void Matrix_from_npy_of_every_dtype_is_converted_to_float32()
    {
        using var folder = new TempFolder();
        float[,] expected = { { 1, -2 }, { 3, 4 }, { 5, 6 } };
        Assert.Equal(expected, MatrixFile.ReadMatrix(WriteNpy(folder, "f4.npy", "<f4", "(3, 2)", NpyBytes.Float32([1, -2, 3, 4, 5, 6]))).ToArray());
        Assert.Equal(expected, MatrixFile.ReadMatrix(WriteNpy(folder, "f8.npy", "<f8", "(3, 2)", NpyBytes.Float64([1, -2, 3, 4, 5, 6]))).ToArray());
        Assert.Equal(expected, MatrixFile.ReadMatrix(WriteNpy(folder, "i4.npy", "<i4", "(3, 2)", NpyBytes.Int32([1, -2, 3, 4, 5, 6]))).ToArray());
        Assert.Equal(expected, MatrixFile.ReadMatrix(WriteNpy(folder, "i8.npy", "<i8", "(3, 2)", NpyBytes.Int64([1, -2, 3, 4, 5, 6]))).ToArray());
        Assert.Equal(expected, MatrixFile.ReadMatrix(WriteNpy(folder, "fo.npy", "<f8", "(3, 2)", NpyBytes.Float64([1, 3, 5, -2, 4, 6]), fortran: true)).ToArray());
    }

    [Fact]
    public void Matrix_from_csv_matches_the_same_matrix_from_npy()
    {
        using var folder = new TempFolder();
        string csv = folder.File("m.csv");
        File.WriteAllText(csv, "a,b\n1,-2\n3,4\n5,6\n");
        string npy = WriteNpy(folder, "m.npy", "<f4", "(3, 2)", NpyBytes.Float32([1, -2, 3, 4, 5, 6]));
        Assert.Equal(MatrixFile.ReadMatrix(npy).ToArray(), MatrixFile.ReadMatrix(csv).ToArray());
    }

    [Fact]
    public void Bad_matrices_are_refused_naming_the_file_and_the_place()
    {
        using var folder = new TempFolder();
        string Fails(string path) => Assert.Throws<InvalidDataException>(() => MatrixFile.ReadMatrix(path)).Message;

        Assert.Contains("row 1, column 0 (0-based)", Fails(WriteNpy(folder, "nan.npy", "<f4", "(2, 2)", NpyBytes.Float32([1, 2, float.NaN, 4]))));
        Assert.Contains("row 0, column 1 (0-based)", Fails(WriteNpy(folder, "inf.npy", "<f8", "(1, 2)", NpyBytes.Float64([1, double.NegativeInfinity]))));
        Assert.Contains("outside the float32 range", Fails(WriteNpy(folder, "big.npy", "<f8", "(1, 2)", NpyBytes.Float64([1, 1e39]))));
        Assert.Contains("empty array of shape (0, 3)", Fails(WriteNpy(folder, "empty.npy", "<f4", "(0, 3)", [])));
        Assert.Contains("empty array of shape (3, 0)", Fails(WriteNpy(folder, "empty2.npy", "<f4", "(3, 0)", [])));
        Assert.Contains("1-D array of shape (2,)", Fails(WriteNpy(folder, "vector.npy", "<f4", "(2,)", NpyBytes.Float32([1, 2]))));
        string message = Fails(WriteNpy(folder, "be.npy", ">f4", "(1, 1)", new byte[4]));
        Assert.Contains("be.npy", message);
        Assert.Contains("big-endian", message);
    }

    [Fact]
    public void Unknown_extension_is_an_argument_error_naming_the_path()
    {
        var e = Assert.Throws<ArgumentException>(() => MatrixFile.ReadMatrix("features.parquet"));
        Assert.Contains("features.parquet", e.Message);
        Assert.Contains(".npy or .csv", e.Message);
    }

    [Fact]
    public void Missing_file_is_a_file_not_found_error()
    {
        using var folder = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => MatrixFile.ReadMatrix(folder.File("absent.npy")));
        Assert.Throws<FileNotFoundException>(() => MatrixFile.ReadMatrix(folder.File("absent.csv")));
    }

    [Fact]
    public void Vector_is_read_from_1d_column_and_row_shapes_and_from_one_column_csv()
    {
        using var folder = new TempFolder();
        float[] expected = [1, 2, 3];
        Assert.Equal(expected, MatrixFile.ReadVector(WriteNpy(folder, "v.npy", "<f4", "(3,)", NpyBytes.Float32(expected))));
        Assert.Equal(expected, MatrixFile.ReadVector(WriteNpy(folder, "c.npy", "<f8", "(3, 1)", NpyBytes.Float64([1, 2, 3]))));
        Assert.Equal(expected, MatrixFile.ReadVector(WriteNpy(folder, "r.npy", "<i8", "(1, 3)", NpyBytes.Int64([1, 2, 3]))));
        File.WriteAllText(folder.File("v.csv"), "value\n1\n2\n3\n");
        Assert.Equal(expected, MatrixFile.ReadVector(folder.File("v.csv")));
        Assert.Contains("(2, 2)", Assert.Throws<InvalidDataException>(() => MatrixFile.ReadVector(WriteNpy(folder, "m.npy", "<f4", "(2, 2)", new byte[16]))).Message);
        File.WriteAllText(folder.File("m.csv"), "1,2\n3,4\n");
        Assert.Contains("2×2", Assert.Throws<InvalidDataException>(() => MatrixFile.ReadVector(folder.File("m.csv"))).Message);
        Assert.Contains("index 1 (0-based)", Assert.Throws<InvalidDataException>(() => MatrixFile.ReadVector(WriteNpy(folder, "n.npy", "<f4", "(2,)", NpyBytes.Float32([0, float.NaN])))).Message);
    }

    [Fact]
    public void Labels_are_read_from_integer_and_integral_float_npy_and_from_csv()
    {
        using var folder = new TempFolder();
        int[] expected = [0, 2, -1, 2];
        Assert.Equal(expected, MatrixFile.ReadLabels(WriteNpy(folder, "i4.npy", "<i4", "(4,)", NpyBytes.Int32(expected))));
        Assert.Equal(expected, MatrixFile.ReadLabels(WriteNpy(folder, "i8.npy", "<i8", "(4, 1)", NpyBytes.Int64([0, 2, -1, 2]))));
        Assert.Equal(expected, MatrixFile.ReadLabels(WriteNpy(folder, "f4.npy", "<f4", "(4,)", NpyBytes.Float32([0, 2, -1, 2]))));
        Assert.Equal(expected, MatrixFile.ReadLabels(WriteNpy(folder, "f8.npy", "|f8", "(1, 4)", NpyBytes.Float64([0, 2, -1, 2]))));
        File.WriteAllText(folder.File("l.csv"), "label\n0\n2.0\n-1\n2\n");
        Assert.Equal(expected, MatrixFile.ReadLabels(folder.File("l.csv")));
    }

    [Fact]
    public void Non_integral_or_out_of_range_labels_are_refused_naming_the_place()
    {
        using var folder = new TempFolder();
        string Fails(string path) => Assert.Throws<InvalidDataException>(() => MatrixFile.ReadLabels(path)).Message;
        Assert.Contains("index 1 (0-based)", Fails(WriteNpy(folder, "f.npy", "<f8", "(2,)", NpyBytes.Float64([1, 1.5]))));
        Assert.Contains("index 0 (0-based)", Fails(WriteNpy(folder, "n.npy", "<f4", "(1,)", NpyBytes.Float32([float.NaN]))));
        Assert.Contains("index 2 (0-based)", Fails(WriteNpy(folder, "l.npy", "<i8", "(3,)", NpyBytes.Int64([1, 2, 1L << 40]))));
        Assert.Contains("empty array", Fails(WriteNpy(folder, "e.npy", "<i4", "(0,)", [])));
        File.WriteAllText(folder.File("l.csv"), "1\n2.5\n");
        Assert.Contains("row 2, column 1: '2.5' is not an integer label", Fails(folder.File("l.csv")));
        File.WriteAllText(folder.File("two.csv"), "1,2\n3,4\n");
        Assert.Contains("2 columns", Fails(folder.File("two.csv")));
    }
}
