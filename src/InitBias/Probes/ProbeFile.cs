using System.Text.Json;
using System.Text.Json.Serialization;

namespace InitBias.Probes;

/// <summary>
/// A run's probe file, probe.jsonl: one ProbeLine per evaluation at which a probe recorded something (snake_case,
/// nulls omitted). Every probe of a run writes into this one file, each in its own section of the line (ProbeSection).
/// </summary>
public static class ProbeFile
{
    public const string File = "probe.jsonl";

    internal static JsonSerializerOptions Options => Json.SnakeCase;

    public static void Append(string runDir, ProbeLine line) =>
        System.IO.File.AppendAllText(Path.Combine(runDir, File), JsonSerializer.Serialize(line, Options) + "\n");

    public static IReadOnlyList<ProbeLine> Read(string runDir) =>
        System.IO.File.ReadLines(Path.Combine(runDir, File)).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<ProbeLine>(l, Options)!).ToList();

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
