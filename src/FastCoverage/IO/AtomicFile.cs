namespace FastCoverage.IO;

/// <summary>
/// Writes a file all-or-nothing: the content goes to a temporary file in the same folder, which is renamed onto
/// the destination only when writing succeeded, so a failure never leaves a half-written file behind.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    /// <param name="path">The destination; its folder must exist.</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <exception cref="DirectoryNotFoundException">The destination's folder does not exist.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = new AtomicFileWriter(path);
        write(file.Stream);
        file.Commit();
    }
}
