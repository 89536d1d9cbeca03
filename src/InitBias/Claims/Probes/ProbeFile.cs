using System.Text.Json;
using System.Text.Json.Serialization;

namespace InitBias.Claims.Probes;

/// <summary>
/// A probe's JSONL file in a run folder: one typed line per evaluation it read (snake_case, nulls omitted).
/// </summary>
public static class ProbeFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void Append<T>(string runDir, string file, T line) =>
        File.AppendAllText(Path.Combine(runDir, file), JsonSerializer.Serialize(line, Options) + "\n");

    public static IReadOnlyList<T> Read<T>(string runDir, string file) =>
        File.ReadLines(Path.Combine(runDir, file)).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<T>(l, Options)!).ToList();

    /// <summary>A jagged matrix as a 2-D array.</summary>
    public static double[,] ToMatrix(double[][] rows)
    {
        var m = new double[rows.Length, rows.Length == 0 ? 0 : rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++) m[i, j] = rows[i][j];
        return m;
    }

    public static double[][] ToRows(double[,] m) =>
        Enumerable.Range(0, m.GetLength(0))
            .Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray()).ToArray();
}
