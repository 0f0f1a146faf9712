using FastCoverage.IO;
using FastCoverage.Tests.Infrastructure;

namespace FastCoverage.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void Failed_write_leaves_neither_the_file_nor_a_temporary_and_keeps_an_old_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.bin");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100]);
            throw new InvalidOperationException("boom");
        }));
        Assert.Empty(folder.Files());

        AtomicFile.Write(path, s => s.WriteByte(1));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(2);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal(["out.bin"], folder.Files());
        Assert.Equal([(byte)1], File.ReadAllBytes(path));
    }
}
