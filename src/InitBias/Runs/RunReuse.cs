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
        var configPath = Path.Combine(dir, RunFolder.ConfigFile);
        var summaryPath = Path.Combine(dir, RunFolder.SummaryFile);
        if (!File.Exists(configPath)) return $"no run in {dir}";
        if (!File.Exists(summaryPath)) return $"{dir} did not finish (no {RunFolder.SummaryFile})";
        try
        {
            var doc = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
            var summary = JsonNode.Parse(File.ReadAllText(summaryPath))!.AsObject();
            if (summary["completed"]?.GetValue<bool>() != true)
                return $"{dir} stopped at step {summary["stepsCompleted"]} of {summary["stepsPlanned"]}";
            if (!JsonNode.DeepEquals(doc["config"], Json.ToNode(config)))
                return $"{dir} was trained with another config";
            string? code = doc["code"]?.GetValue<string>();
            if (code != CodeFingerprint.Value)
                return $"{dir} was trained by other code ({code ?? "unrecorded"}, now {CodeFingerprint.Value})";
            var was = doc["environment"]?.AsObject();
            var now = Json.ToNode(env).AsObject();
            foreach (var key in NumericEnvironment)
                if (!JsonNode.DeepEquals(was?[key], now[key]))
                    return $"{dir} was trained with {key} {was?[key]?.ToJsonString() ?? "unrecorded"}, " +
                           $"now {now[key]?.ToJsonString()}";
            return null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException)
        {
            return $"{dir} has an unreadable {RunFolder.ConfigFile} or {RunFolder.SummaryFile}";
        }
    }

    /// <summary>The environment fields that change numbers (README, Determinism); the rest is provenance.</summary>
    private static readonly string[] NumericEnvironment =
        ["torchSharp", "libtorch", "cpuVectorFlags", "torchThreads", "device", "variables"];
}
