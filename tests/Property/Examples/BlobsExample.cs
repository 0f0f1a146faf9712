using System.Globalization;
using System.Text;

namespace FastCoverage.Tests.Examples;

/// <summary>
/// The generator of the shipped example examples/blobs.csv and examples/blobs-labels.csv: 600 points in 8 dimensions
/// from 6 isotropic Gaussian blobs (unit variance, centres uniform in [−10, 10]⁸), point i in blob i mod 6, from a
/// seeded <see cref="Random"/> (whose seeded sequence is stable across .NET versions) and Box–Muller normals,
/// written with 4 decimals.
/// </summary>
public static class BlobsExample
{
    public const int Points = 600;
    public const int Dimensions = 8;
    public const int Blobs = 6;
    public const int Seed = 2026;

    public static (string Features, string Labels) Generate()
    {
        var random = new Random(Seed);
        var centres = new double[Blobs, Dimensions];
        for (int b = 0; b < Blobs; b++)
        {
            for (int j = 0; j < Dimensions; j++)
            {
                centres[b, j] = (20 * random.NextDouble()) - 10;
            }
        }

        var features = new StringBuilder();
        var labels = new StringBuilder("label\n");
        features.AppendJoin(',', Enumerable.Range(1, Dimensions).Select(j => $"x{j}")).Append('\n');
        for (int i = 0; i < Points; i++)
        {
            int blob = i % Blobs;
            for (int j = 0; j < Dimensions; j++)
            {
                double u1 = 1 - random.NextDouble();
                double u2 = random.NextDouble();
                double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                features.Append(j == 0 ? "" : ",").Append((centres[blob, j] + normal).ToString("F4", CultureInfo.InvariantCulture));
            }

            features.Append('\n');
            labels.Append(blob.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return (features.ToString(), labels.ToString());
    }

    /// <summary>The repository root (the folder holding FastCoverage.sln), found from the test binaries upwards.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FastCoverage.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("FastCoverage.sln not found above " + AppContext.BaseDirectory);
    }
}
