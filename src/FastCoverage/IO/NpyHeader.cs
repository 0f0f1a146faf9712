using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FastCoverage.IO;

/// <summary>
/// The header of a .npy file (NumPy format versions 1.0, 2.0 and 3.0): the magic string, the version, the header
/// length, and a Python dict literal <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (n, d), }</c>.
/// </summary>
internal sealed record NpyHeader(NpyDType DType, bool FortranOrder, int[] Shape)
{
    /// <summary>"\x93NUMPY" as bytes (a u8 literal would encode U+0093 as two UTF-8 bytes).</summary>
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The product of the dimensions (1 for a scalar).</summary>
    public long Count
    {
        get
        {
            long count = 1;
            foreach (int dimension in Shape)
            {
                count *= dimension;
            }

            return count;
        }
    }

    /// <summary>Bytes per element.</summary>
    public static int ItemSize(NpyDType dtype) => dtype is NpyDType.Float32 or NpyDType.Int32 ? 4 : 8;

    /// <summary>The numpy type string written for <paramref name="dtype"/>.</summary>
    public static string Descr(NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => "<f4",
        NpyDType.Float64 => "<f8",
        NpyDType.Int32 => "<i4",
        _ => "<i8",
    };

    /// <summary>Reads and validates the header, leaving <paramref name="stream"/> at the first data byte.</summary>
    /// <exception cref="InvalidDataException">The header is malformed or describes an unsupported array.</exception>
    public static NpyHeader Read(Stream stream, string source)
    {
        Span<byte> preamble = stackalloc byte[12];
        ReadExactly(stream, preamble[..8], source, "the magic string and version");
        if (!preamble[..6].SequenceEqual(Magic))
        {
            throw Invalid(source, "it does not start with the .npy magic string \\x93NUMPY");
        }

        byte major = preamble[6];
        byte minor = preamble[7];
        int length;
        if (major == 1)
        {
            ReadExactly(stream, preamble.Slice(8, 2), source, "the header length");
            length = BinaryPrimitives.ReadUInt16LittleEndian(preamble.Slice(8, 2));
        }
        else if (major is 2 or 3)
        {
            ReadExactly(stream, preamble.Slice(8, 4), source, "the header length");
            uint length32 = BinaryPrimitives.ReadUInt32LittleEndian(preamble.Slice(8, 4));
            if (length32 > 1 << 24)
            {
                throw Invalid(source, $"its header length {length32} is implausibly large");
            }

            length = (int)length32;
        }
        else
        {
            throw Invalid(source, $"its format version {major}.{minor} is not supported (1.0, 2.0 and 3.0 are)");
        }

        byte[] header = new byte[length];
        ReadExactly(stream, header, source, "the header");
        string text = major == 3 ? DecodeUtf8(header, source) : Encoding.Latin1.GetString(header);
        return new NpyHeaderParser(text, source).Parse();
    }

    /// <summary>Writes magic, version 1.0, length and the padded dict so that the data starts at a multiple of 64.</summary>
    public void Write(Stream stream)
    {
        var dict = new StringBuilder();
        dict.Append("{'descr': '").Append(Descr(DType)).Append("', 'fortran_order': ")
            .Append(FortranOrder ? "True" : "False").Append(", 'shape': (");
        foreach (int dimension in Shape)
        {
            dict.Append(dimension.ToString(CultureInfo.InvariantCulture)).Append(Shape.Length == 1 ? "," : ", ");
        }

        if (Shape.Length > 1)
        {
            dict.Length -= 2;
        }

        dict.Append("), }");

        // Version 1.0 suffices: a rank ≤ 2 header is far below its 65535-byte limit.
        const int preambleLength = 10;
        int unpadded = dict.Length + 1;
        int total = (preambleLength + unpadded + 63) / 64 * 64;
        dict.Append(' ', total - preambleLength - unpadded).Append('\n');
        byte[] headerBytes = Encoding.Latin1.GetBytes(dict.ToString());

        Span<byte> preamble = stackalloc byte[preambleLength];
        Magic.CopyTo(preamble);
        preamble[6] = 1;
        preamble[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(preamble[8..], (ushort)headerBytes.Length);
        stream.Write(preamble);
        stream.Write(headerBytes);
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes or throws naming what was cut off.</summary>
    public static void ReadExactly(Stream stream, Span<byte> buffer, string source, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw Invalid(source, $"it is truncated: {what} needs {buffer.Length} bytes but only {read} remain");
        }
    }

    /// <summary>An <see cref="InvalidDataException"/> whose message names the file.</summary>
    public static InvalidDataException Invalid(string source, string reason) =>
        new($"'{source}' is not a readable .npy file: {reason}.");

    private static string DecodeUtf8(byte[] header, string source)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(header);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(source, "its version 3.0 header is not valid UTF-8");
        }
    }
}
