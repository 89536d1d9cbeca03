using System.Text.Json;
using System.Text.Json.Nodes;
using InitBias.Experiments;

namespace InitBias.Cli;

/// <summary>
/// Resolves a run's config: the experiment's profile defaults, then the --config file (a partial or full RunConfig in
/// JSON; unknown keys are an error), then the command-line options.
/// </summary>
public static class ConfigResolver
{
    public static RunConfig Resolve(string experiment, string profile, string? configFile, int? steps, int? batch,
        string? precision = null)
    {
        var defaults = ExperimentRegistry.Get(experiment).Defaults(profile);
        var config = defaults;
        if (configFile is not null)
        {
            if (!File.Exists(configFile)) throw new ArgumentException($"config file {configFile} does not exist");
            JsonNode? patch;
            try { patch = JsonNode.Parse(File.ReadAllText(configFile)); }
            catch (JsonException ex)
            {
                throw new ArgumentException($"config file {configFile} does not parse: {ex.Message}");
            }
            if (patch is not JsonObject patchObject)
                throw new ArgumentException($"config file {configFile} must hold a JSON object");
            // A run folder's config.json nests the config under "config": accept that too, so a run can be repeated.
            if (patchObject["config"] is JsonObject nested && patchObject.ContainsKey("environment"))
                patchObject = nested;
            var merged = Json.ToNode(defaults).AsObject();
            Json.Merge(merged, patchObject);
            try { config = merged.Deserialize<RunConfig>(Json.Options)!; }
            catch (JsonException ex)
            {
                throw new ArgumentException($"config file {configFile}: {ex.Message.Split('\n')[0]}");
            }
            if (config.Experiment != experiment)
                throw new ArgumentException(
                    $"config file {configFile} is for experiment '{config.Experiment}', not '{experiment}'");
            if (config.Profile != profile)
                throw new ArgumentException(
                    $"config file {configFile} is for profile '{config.Profile}', not '{profile}'");
        }
        if (steps is not null) config = config with { Train = config.Train with { Steps = steps.Value } };
        if (batch is not null) config = config with { Train = config.Train with { BatchSize = batch.Value } };
        if (precision is not null) config = config with { Train = config.Train with { Precision = precision } };
        return ExperimentRegistry.Complete(config);
    }
}
