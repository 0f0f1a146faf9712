using System.Reflection;
using FastCoverage.IO;

namespace FastCoverage.Tests.IO;

/// <summary>Pins the public surface of FastCoverage.IO that the other modules and users code against.</summary>
public class IoApiSurfaceTests
{
    [Fact]
    public void Public_IO_surface_is_exactly_the_documented_one()
    {
        string[] expected =
        [
            "AtomicFile.Write(String, Action`1)",
            "Csv.ReadMatrix(String) -> Memory2D`1",
            "Csv.ReadMatrix(TextReader, String) -> Memory2D`1",
            "JsonResult.ReadNumbers(String, String) -> Double[]",
            "JsonResult.Write(String, Action`1)",
            "MatrixFile.ReadLabels(String) -> Int32[]",
            "MatrixFile.ReadMatrix(String) -> Memory2D`1",
            "MatrixFile.ReadVector(String) -> Single[]",
            "Npy.Read(Stream, String) -> NpyArray",
            "Npy.Read(String) -> NpyArray",
            "Npy.Write(String, ReadOnlySpan2D`1)",
            "Npy.Write(String, ReadOnlySpan`1)",
            "Npy.Write(String, ReadOnlySpan`1)",
            "Npy.Write(String, ReadOnlySpan`1)",
            "NpyArray.AsSpan() -> ReadOnlySpan`1",
            "NpyArray.get_Bytes() -> ReadOnlySpan`1",
            "NpyArray.get_Count() -> Int32",
            "NpyArray.get_DType() -> NpyDType",
            "NpyArray.get_Rank() -> Int32",
            "NpyArray.get_Shape() -> IReadOnlyList`1",
        ];
        string[] actual = typeof(Npy).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "FastCoverage.IO" && !t.IsEnum)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(m => $"{t.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})"
                    + (m.ReturnType == typeof(void) ? "" : $" -> {m.ReturnType.Name}")))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(["Float32", "Float64", "Int32", "Int64"], Enum.GetNames<NpyDType>());
    }
}
