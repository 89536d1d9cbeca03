using System.Text.Json;
using System.Text.Json.Nodes;
using InitBias.Experiments;

namespace InitBias.Runs;

/// <summary>
/// Whether a completed run folder can stand in for training again: same resolved config, same code fingerprint, same
/// numeric environment (what bitwise determinism is promised for), and a summary that says the run completed.
/// </summary>
public static class RunReuse
{
    /// <summary>Null when the folder can be reused; otherwise why not, in a few words.</summary>
    public static string? WhyNot(string dir, RunConfig config, EnvironmentFingerprint env)
    {
        var summaryPath = Path.Combine(dir, RunFolder.SummaryFile);
        if (!File.Exists(Path.Combine(dir, RunFolder.ConfigFile))) return $"no run in {dir}";
        if (!File.Exists(summaryPath)) return $"{dir} did not finish (no {RunFolder.SummaryFile})";
        var doc = RunFolder.ReadConfig(dir);
        JsonObject? summary;
        try { summary = JsonNode.Parse(File.ReadAllText(summaryPath)) as JsonObject; }
        catch (JsonException) { summary = null; }
        if (doc is null || summary is null)
            return $"{dir} has an unreadable {RunFolder.ConfigFile} or {RunFolder.SummaryFile}";
        if (summary["completed"] is not JsonValue done || !done.TryGetValue(out bool completed) || !completed)
            return $"{dir} stopped at step {summary["stepsCompleted"]} of {summary["stepsPlanned"]}";
        if (!JsonNode.DeepEquals(doc["config"], Json.ToNode(config)))
            return $"{dir} was trained with another config";
        string? code = doc["code"] is JsonValue c && c.TryGetValue(out string? text) ? text : null;
        if (code != CodeFingerprint.Value)
            return $"{dir} was trained by other code ({code ?? "unrecorded"}, now {CodeFingerprint.Value})";
        var was = doc["environment"] as JsonObject;
        var now = Json.ToNode(env).AsObject();
        foreach (var key in env.Gpu is null ? NumericEnvironment : GpuNumericEnvironment)
            if (!JsonNode.DeepEquals(was?[key], now[key]))
                return $"{dir} was trained with {key} {was?[key]?.ToJsonString() ?? "unrecorded"}, " +
                       $"now {now[key]?.ToJsonString()}";
        return null;
    }

    /// <summary>The environment fields that change numbers (README, Determinism); the rest is provenance.</summary>
    private static readonly string[] NumericEnvironment =
        ["torchSharp", "libtorch", "cpuVectorFlags", "torchThreads", "device", "variables"];

    /// <summary>On a GPU the CPU's threads and vector units do not decide the numbers; the GPU does.</summary>
    private static readonly string[] GpuNumericEnvironment =
        ["torchSharp", "libtorch", "device", "variables", "gpu"];
}
