using CommunityToolkit.HighPerformance;
using FastCoverage.IO;

namespace FastCoverage.Cli;

/// <summary>
/// File handling shared by every command: inputs are checked to exist (naming the option), outputs are checked for
/// their extension before any work starts, and the output's folder is created (with its parents) just before the
/// atomic write, so <c>--output out/K.npy</c> works from a fresh clone.
/// </summary>
internal static class CommandFiles
{
    /// <summary>Throws a one-line <see cref="FileNotFoundException"/> naming <paramref name="option"/> if the input does not exist.</summary>
    public static string RequireInput(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(Directory.Exists(path)
                ? $"{option} '{path}' is a folder, not a file."
                : $"{option} '{path}' does not exist.", path);
        }

        return path;
    }

    /// <summary>Reads the feature matrix given by <paramref name="option"/> (.npy or .csv).</summary>
    public static Memory2D<float> ReadMatrix(string path, string option) => MatrixFile.ReadMatrix(RequireInput(path, option));

    /// <summary>Reads the labels given by <paramref name="option"/> (.npy or .csv).</summary>
    public static int[] ReadLabels(string path, string option) => MatrixFile.ReadLabels(RequireInput(path, option));

    /// <summary>Checks, before any work, that an output path ends in <paramref name="extension"/> and is not a folder.</summary>
    public static string CheckOutput(string path, string option, string extension)
    {
        if (string.IsNullOrWhiteSpace(path) || !path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliUsageException($"{option} '{path}' must be a {extension} file.");
        }

        if (Directory.Exists(path))
        {
            throw new CliUsageException($"{option} '{path}' is a folder; give a file name ending in {extension}.");
        }

        return path;
    }

    /// <summary>Creates the output's folder (and its parents) if missing; call right before writing.</summary>
    public static void CreateOutputFolder(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
    }
}
