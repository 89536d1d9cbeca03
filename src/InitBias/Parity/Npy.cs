using System.Buffers.Binary;
using System.Text;

namespace InitBias.Parity;

/// <summary>
/// Writes NumPy's .npy format (version 1.0): the magic, a little-endian header length, a Python-dict header padded
/// so the data starts on a 64-byte boundary, then the raw little-endian values in C order. numpy.load and torch read
/// them exactly, which is the point: parity exports must carry every bit of a weight or token.
/// </summary>
public static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    public static void Write(string path, float[] values, IReadOnlyList<long> shape) =>
        Write(path, "<f4", shape, values.Length, sizeof(float),
            (span, i) => BinaryPrimitives.WriteSingleLittleEndian(span, values[i]));

    public static void Write(string path, long[] values, IReadOnlyList<long> shape) =>
        Write(path, "<i8", shape, values.Length, sizeof(long),
            (span, i) => BinaryPrimitives.WriteInt64LittleEndian(span, values[i]));

    public static void Write(string path, double[] values, IReadOnlyList<long> shape) =>
        Write(path, "<f8", shape, values.Length, sizeof(double),
            (span, i) => BinaryPrimitives.WriteDoubleLittleEndian(span, values[i]));

    private delegate void Put(Span<byte> target, int index);

    private static void Write(string path, string descr, IReadOnlyList<long> shape, int count, int size, Put put)
    {
        long expected = shape.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
            throw new ArgumentException($"{count} values do not fill shape ({string.Join(", ", shape)})");
        // A 1-tuple needs its trailing comma in Python syntax: (5,).
        string dims = shape.Count == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = Magic.Length + 2 + dict.Length + 1; // magic and version, header length, dict, '\n'
        string header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        int start = Magic.Length + 2 + header.Length;
        var bytes = new byte[start + (long)count * size];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(Magic.Length), checked((ushort)header.Length));
        Encoding.ASCII.GetBytes(header).CopyTo(bytes, Magic.Length + 2);
        var data = bytes.AsSpan(start);
        for (int i = 0; i < count; i++) put(data.Slice(i * size, size), i);
        File.WriteAllBytes(path, bytes);
    }
}
