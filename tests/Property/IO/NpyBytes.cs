using System.Text;

namespace FastCoverage.Tests.IO;

/// <summary>
/// Builds .npy bytes straight from the format specification (numpy/lib/format.py, NEP 1), independently of the
/// library's writer: "\x93NUMPY", major, minor, header length (uint16 LE in 1.0, uint32 LE in 2.0/3.0), the dict
/// text (latin-1, or UTF-8 in 3.0) padded with spaces and ended by '\n' so the data starts at a multiple of 64.
/// </summary>
public static class NpyBytes
{
    public static byte[] Build(int major, string dict, byte[] data, bool pad = true)
    {
        Encoding encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        int preamble = major == 1 ? 10 : 12;
        string text = dict;
        if (pad)
        {
            int length = encoding.GetByteCount(dict) + 1;
            int total = (preamble + length + 63) / 64 * 64;
            text = dict + new string(' ', total - preamble - length) + "\n";
        }

        byte[] header = encoding.GetBytes(text);
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.Add((byte)major);
        bytes.Add(0);
        if (major == 1)
        {
            bytes.Add((byte)(header.Length & 0xFF));
            bytes.Add((byte)(header.Length >> 8));
        }
        else
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                bytes.Add((byte)((header.Length >> shift) & 0xFF));
            }
        }

        bytes.AddRange(header);
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    public static string Dict(string descr, bool fortran, string shape) =>
        $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";

    /// <summary>Little-endian bytes of the values, one by one with explicit shifts (no memory reinterpretation).</summary>
    public static byte[] LittleEndian(IEnumerable<long> values, int size)
    {
        var bytes = new List<byte>();
        foreach (long v in values)
        {
            for (int b = 0; b < size; b++)
            {
                bytes.Add((byte)((ulong)v >> (8 * b)));
            }
        }

        return bytes.ToArray();
    }

    public static byte[] Float32(IEnumerable<float> values) => LittleEndian(values.Select(v => (long)(uint)BitConverter.SingleToInt32Bits(v)), 4);

    public static byte[] Float64(IEnumerable<double> values) => LittleEndian(values.Select(BitConverter.DoubleToInt64Bits), 8);

    public static byte[] Int32(IEnumerable<int> values) => LittleEndian(values.Select(v => (long)v), 4);

    public static byte[] Int64(IEnumerable<long> values) => LittleEndian(values, 8);
}
