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
        var summary = RunFolder.ReadSummary(dir);
        if (doc is null || summary is null)
            return $"{dir} has an unreadable {RunFolder.ConfigFile} or {RunFolder.SummaryFile}";
        if (summary["completed"] is not JsonValue done || !done.TryGetValue(out bool completed) || !completed)
            return $"{dir} stopped at step {summary["stepsCompleted"]} of {summary["stepsPlanned"]}";
        if (!JsonNode.DeepEquals(doc["config"], Json.ToNode(config)))
            return $"{dir} was trained with another config";
        string? code = doc["code"] is JsonValue c && c.TryGetValue(out string? text) ? text : null;
        if (code != CodeFingerprint.Value)
            return $"{dir} was trained by other code ({code ?? "unrecorded"}, now {CodeFingerprint.Value})";
        if (env.Gpu is { Identified: false })
            return $"the GPU here is {GpuInfo.Unknown} (nvidia-smi did not answer): no run can be compared to it";
        var was = doc["environment"] as JsonObject;
        var now = Json.ToNode(env).AsObject();
        foreach (var key in env.Gpu is null ? NumericEnvironment : GpuNumericEnvironment)
            if (!JsonNode.DeepEquals(Compared(key, was?[key]), Compared(key, now[key])))
                return $"{dir} was trained with {key} {was?[key]?.ToJsonString() ?? "unrecorded"}, " +
                       $"now {now[key]?.ToJsonString()}";
        return null;
    }

    /// <summary>
    /// What of an environment field is compared: the device's kind without its index ("cuda:1" is "cuda"), and the
    /// variables without CUDA_VISIBLE_DEVICES; both say which GPU of a machine, not which GPU model, and the same
    /// model at index 0 and 1 computes the same numbers. The GPU's model, driver and libraries are compared ("gpu").
    /// </summary>
    private static JsonNode? Compared(string key, JsonNode? value)
    {
        switch (key)
        {
            case "device" when value is JsonValue v && v.TryGetValue(out string? device):
                return JsonValue.Create(device.Split(':')[0]);
            case "variables" when value is JsonObject o:
                var copy = (JsonObject)o.DeepClone();
                copy.Remove(DeviceIndexVariable);
                return copy;
            default:
                return value;
        }
    }

    private const string DeviceIndexVariable = "CUDA_VISIBLE_DEVICES";

    /// <summary>The environment fields that change numbers (docs/determinism.md); the rest is provenance.</summary>
    private static readonly string[] NumericEnvironment =
        ["torchSharp", "libtorch", "cpuVectorFlags", "torchThreads", "device", "variables"];

    /// <summary>On a GPU the CPU's threads and vector units do not decide the numbers; the GPU does.</summary>
    private static readonly string[] GpuNumericEnvironment =
        ["torchSharp", "libtorch", "device", "variables", "gpu"];
}
