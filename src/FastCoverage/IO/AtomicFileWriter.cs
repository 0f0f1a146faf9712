namespace FastCoverage.IO;

/// <summary>
/// The mechanism behind <see cref="AtomicFile"/>: a temporary file in the destination's folder, renamed onto the
/// destination by <see cref="Commit"/>, deleted by <see cref="Dispose"/> when not committed. Writers that hold
/// spans (which a lambda cannot capture) use it directly.
/// </summary>
internal sealed class AtomicFileWriter : IDisposable
{
    private readonly string destination;
    private readonly string temporary;
    private FileStream? stream;
    private bool committed;

    /// <exception cref="DirectoryNotFoundException">The destination's folder does not exist.</exception>
    public AtomicFileWriter(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        destination = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(destination) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot write '{path}': the folder '{directory}' does not exist.");
        }

        temporary = Path.Combine(directory, $".{Path.GetFileName(destination)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>The temporary file's stream.</summary>
    public Stream Stream => stream ?? throw new ObjectDisposedException(nameof(AtomicFileWriter));

    /// <summary>Flushes and closes the temporary file, then renames it onto the destination.</summary>
    public void Commit()
    {
        FileStream s = stream ?? throw new ObjectDisposedException(nameof(AtomicFileWriter));
        s.Flush(flushToDisk: false);
        s.Dispose();
        stream = null;
        File.Move(temporary, destination, overwrite: true);
        committed = true;
    }

    /// <summary>Closes and deletes the temporary file unless <see cref="Commit"/> ran.</summary>
    public void Dispose()
    {
        stream?.Dispose();
        stream = null;
        if (!committed)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // The original exception matters more than a leftover temporary file.
            }
        }
    }
}
