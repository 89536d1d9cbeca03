using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InitBias.Experiments;

namespace InitBias.Runs;

/// <summary>
/// A run folder: config.json (resolved config + environment), metrics.jsonl (one line per evaluation, flushed as it
/// is written so a crash loses nothing already evaluated), summary.json (written at the end, also when stopped early).
/// </summary>
public sealed class RunFolder : IDisposable
{
    public const string ConfigFile = "config.json", MetricsFile = "metrics.jsonl", SummaryFile = "summary.json";
    private readonly StreamWriter _metrics;

    public string Dir { get; }

    private RunFolder(string dir, StreamWriter metrics) { Dir = dir; _metrics = metrics; }

    /// <summary>
    /// Null when <paramref name="dir"/> can take this run: it does not exist, is empty, or holds a run of the same
    /// config (which is then replaced). Otherwise the reason it cannot.
    /// </summary>
    public static string? CheckTarget(string dir, RunConfig config)
    {
        if (File.Exists(dir)) return $"--out {dir} is a file, not a folder";
        if (!Directory.Exists(dir) || !Directory.EnumerateFileSystemEntries(dir).Any()) return null;
        if (!File.Exists(Path.Combine(dir, ConfigFile)))
            return $"output folder {dir} is not empty and holds no run; choose another --out";
        return ReadConfig(dir) is { } existing && JsonNode.DeepEquals(existing["config"], Json.ToNode(config)) ? null
            : $"output folder {dir} already holds a different run; choose another --out";
    }

    /// <summary>config.json as a JSON object (config, environment, code), or null when absent or unreadable.</summary>
    public static JsonObject? ReadConfig(string dir)
    {
        var path = Path.Combine(dir, ConfigFile);
        if (!File.Exists(path)) return null;
        try { return JsonNode.Parse(File.ReadAllText(path)) as JsonObject; }
        catch (JsonException) { return null; }
    }

    /// <summary>summary.json as a JSON object, or null when absent or unreadable (a run that never finished).</summary>
    public static JsonObject? ReadSummary(string dir)
    {
        var path = Path.Combine(dir, SummaryFile);
        if (!File.Exists(path)) return null;
        try { return JsonNode.Parse(File.ReadAllText(path)) as JsonObject; }
        catch (JsonException) { return null; }
    }

    public static RunFolder Create(string dir, RunConfig config, EnvironmentFingerprint env)
    {
        Directory.CreateDirectory(dir);
        var doc = new JsonObject
        {
            ["config"] = Json.ToNode(config),
            ["environment"] = Json.ToNode(env),
            ["code"] = CodeFingerprint.Value,
        };
        File.WriteAllText(Path.Combine(dir, ConfigFile), doc.ToJsonString(Json.Options) + "\n");
        File.Delete(Path.Combine(dir, SummaryFile));
        // A run started again in its folder starts its probe files afresh too (probes append).
        foreach (var jsonl in Directory.EnumerateFiles(dir, "*.jsonl")) File.Delete(jsonl);
        var metrics = new StreamWriter(Path.Combine(dir, MetricsFile), append: false, new UTF8Encoding(false))
        {
            NewLine = "\n"
        };
        return new RunFolder(dir, metrics);
    }

    /// <summary>
    /// Opens a run folder to continue it from a checkpoint at <paramref name="step"/>: every JSONL file in it (metrics
    /// and probes, one line per evaluation) keeps its lines up to that step, byte for byte, and loses the rest and
    /// any line a crash cut short; new evaluations are appended.
    /// </summary>
    public static RunFolder Reopen(string dir, int step)
    {
        foreach (var path in Directory.EnumerateFiles(dir, "*.jsonl"))
        {
            var kept = new List<string>();
            foreach (var line in File.ReadLines(path))
            {
                int? lineStep = null;
                try { lineStep = JsonNode.Parse(line)?["step"]?.GetValue<int>(); }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException) { }
                if (lineStep is null || lineStep > step) break;
                kept.Add(line + "\n");
            }
            File.WriteAllText(path + ".tmp", string.Concat(kept), new UTF8Encoding(false));
            File.Move(path + ".tmp", path, overwrite: true);
        }
        File.Delete(Path.Combine(dir, SummaryFile));
        var metrics = new StreamWriter(Path.Combine(dir, MetricsFile), append: true, new UTF8Encoding(false))
        {
            NewLine = "\n"
        };
        return new RunFolder(dir, metrics);
    }

    /// <summary>Appends one evaluation: step, lr, then the metrics in the trainer's order.</summary>
    public void Append(int step, double lr, IEnumerable<KeyValuePair<string, double>> metrics)
    {
        _metrics.WriteLine(FormatMetricsLine(step, lr, metrics));
        _metrics.Flush();
    }

    public static string FormatMetricsLine(int step, double lr, IEnumerable<KeyValuePair<string, double>> metrics)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("step", step);
            w.WriteNumber("lr", lr);
            foreach (var (k, v) in metrics)
            {
                if (double.IsFinite(v)) w.WriteNumber(k, v);
                else w.WriteString(k, v.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void WriteSummary(RunSummary summary) =>
        File.WriteAllText(Path.Combine(Dir, SummaryFile), Json.Serialize(summary) + "\n");

    /// <summary>Reads metrics.jsonl back as one dictionary per evaluation.</summary>
    public static List<Dictionary<string, double>> ReadMetrics(string dir) =>
        File.ReadLines(Path.Combine(dir, MetricsFile)).Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject().ToDictionary(
                kv => kv.Key,
                kv => kv.Value!.GetValueKind() == JsonValueKind.Number ? kv.Value.GetValue<double>()
                    : double.Parse(kv.Value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>The folder name of one member of a γ × seed grid: g0.8-s1.</summary>
    public static string MemberName(double gamma, long seed) =>
        $"g{gamma.ToString(System.Globalization.CultureInfo.InvariantCulture)}-s{seed}";

    public void Dispose() => _metrics.Dispose();
}
