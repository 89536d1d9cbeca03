using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InitBias.Probes;

/// <summary>
/// A large matrix of float32 values (the embeddings a probe copies out of a float32 tensor) stored in probe.jsonl as
/// binary: {"rows": R, "cols": C, "f32": base64 of the little-endian floats}, about a fifth of the JSON number text
/// and no number formatting per value (120 × 400 embeddings at every evaluation, at paper size). Exact: a value is
/// written this way only when every value is a float32; otherwise, and when reading older files, as plain arrays.
/// </summary>
public sealed class Float32Rows : JsonConverter<double[][]>
{
    public override double[][]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
            return JsonSerializer.Deserialize<double[][]>(ref reader); // plain rows
        using var doc = JsonDocument.ParseValue(ref reader);
        var o = doc.RootElement;
        int rows = o.GetProperty("rows").GetInt32(), cols = o.GetProperty("cols").GetInt32();
        var bytes = Convert.FromBase64String(o.GetProperty("f32").GetString()!);
        if (bytes.Length != rows * cols * 4)
            throw new JsonException($"f32 holds {bytes.Length} bytes, not {rows}×{cols} floats");
        return Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, cols)
            .Select(c => (double)BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((r * cols + c) * 4)))
            .ToArray()).ToArray();
    }

    public override void Write(Utf8JsonWriter writer, double[][] value, JsonSerializerOptions options)
    {
        int rows = value.Length, cols = rows == 0 ? 0 : value[0].Length;
        if (value.Any(r => r.Length != cols || r.Any(v => (double)(float)v != v && !double.IsNaN(v))))
        {
            JsonSerializer.Serialize(writer, value); // not all float32: keep every digit
            return;
        }
        var bytes = new byte[rows * cols * 4];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan((r * cols + c) * 4), (float)value[r][c]);
        writer.WriteStartObject();
        writer.WriteNumber("rows", rows);
        writer.WriteNumber("cols", cols);
        writer.WriteString("f32", Convert.ToBase64String(bytes));
        writer.WriteEndObject();
    }
}
