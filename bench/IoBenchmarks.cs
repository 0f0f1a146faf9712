using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CommunityToolkit.HighPerformance;
using FastCoverage.IO;

namespace FastCoverage.Bench;

/// <summary>
/// Reading and writing feature matrices: .npy (raw float32 after a header) and CSV (parsing-bound).
/// Shapes: one aligned (20000×256) and one odd (20001×257). Throughput = matrix bytes / time.
/// </summary>
[MemoryDiagnoser]
public class IoBenchmarks
{
    private string folder = "";
    private string npyPath = "";
    private string csvText = "";
    private float[] data = [];

    /// <summary>Rows.</summary>
    [Params(20000, 20001)]
    public int N { get; set; }

    /// <summary>Columns (256 with 20000 rows and 257 with 20001: see <see cref="Columns"/>).</summary>
    public int Columns => N % 2 == 0 ? 256 : 257;

    /// <summary>Writes the inputs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("fastcoverage-bench-io").FullName;
        data = GramBenchmarks.RandomMatrix(N, Columns, 3);
        npyPath = Path.Combine(folder, "x.npy");
        Npy.Write(npyPath, new ReadOnlySpan2D<float>(data, N, Columns));
        var text = new StringBuilder(N * Columns * 12);
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                if (j > 0)
                {
                    text.Append(',');
                }

                text.Append(data[(i * Columns) + j].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        csvText = text.ToString();
    }

    /// <summary>Removes the temporary folder.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    /// <summary>.npy read of the whole matrix.</summary>
    [Benchmark]
    public int NpyRead() => Npy.Read(npyPath).Count;

    /// <summary>.npy atomic write of the whole matrix.</summary>
    [Benchmark]
    public void NpyWrite() => Npy.Write(Path.Combine(folder, "y.npy"), new ReadOnlySpan2D<float>(data, N, Columns));

    /// <summary>CSV parse of the whole matrix from memory (no disk).</summary>
    [Benchmark]
    public int CsvRead() => Csv.ReadMatrix(new StringReader(csvText), "bench.csv").Height;
}
