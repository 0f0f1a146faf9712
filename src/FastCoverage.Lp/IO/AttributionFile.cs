using CommunityToolkit.HighPerformance;
using FastCoverage.IO;

namespace FastCoverage.Lp.IO;

/// <summary>
/// Reads and writes an attribution matrix T by extension: dense float32 <c>.npy</c> (through <see cref="Npy"/> /
/// <see cref="MatrixFile"/>) or sparse MatrixMarket <c>.mtx</c> (<see cref="MatrixMarket"/>).
/// </summary>
public static class AttributionFile
{
    /// <summary>Reads T as CSR (a dense file keeps its nonzero entries).</summary>
    /// <exception cref="ArgumentException">The extension is neither .npy nor .mtx.</exception>
    /// <exception cref="InvalidDataException">The file is malformed; the message names it.</exception>
    public static CsrMatrix Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Extension(path) switch
        {
            ".mtx" => MatrixMarket.Read(path),
            ".npy" => CsrMatrix.FromDense(MatrixFile.ReadMatrix(path).Span),
            _ => throw new ArgumentException($"'{path}' must be a .npy or .mtx file.", nameof(path)),
        };
    }

    /// <summary>Writes T atomically: every entry to a dense .npy, the stored entries to a .mtx.</summary>
    /// <exception cref="ArgumentException">The extension is neither .npy nor .mtx.</exception>
    public static void Write(string path, CsrMatrix matrix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(matrix);
        switch (Extension(path))
        {
            case ".mtx":
                MatrixMarket.Write(path, matrix);
                break;
            case ".npy":
                Npy.Write(path, new ReadOnlySpan2D<float>(matrix.ToDense()));
                break;
            default:
                throw new ArgumentException($"'{path}' must be a .npy or .mtx file.", nameof(path));
        }
    }

    private static string Extension(string path) => Path.GetExtension(path).ToLowerInvariant();
}
