using System.Text.Json;
using System.Text.Json.Nodes;
using InitBias.Experiments;

namespace InitBias.Cli;

/// <summary>
/// Resolves a run's config: the experiment's profile defaults, then the --config file (a partial or full RunConfig in
/// JSON; unknown keys are an error), then the command-line options; then the γ × seed members a run trains.
/// `initbias run` and `initbias config` both resolve here, so what config prints is what run trains.
/// </summary>
public static class ConfigResolver
{
    /// <param name="trace">When given, records where each value came from (`initbias config`).</param>
    public static RunConfig Resolve(string experiment, string profile, string? configFile, int? steps, int? batch,
        string? precision = null, ConfigTrace? trace = null)
    {
        var defaults = ExperimentRegistry.Resolve(experiment, profile, trace: trace);
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
            trace?.Patch($"--config {configFile}", patchObject);
        }
        if (steps is not null) config = config with { Train = config.Train with { Steps = steps.Value } };
        if (batch is not null) config = config with { Train = config.Train with { BatchSize = batch.Value } };
        if (precision is not null) config = config with { Train = config.Train with { Precision = precision } };
        if (steps is not null) trace?.Set("train.steps", "--steps");
        if (batch is not null) trace?.Set("train.batchSize", "--batch");
        if (precision is not null) trace?.Set("train.precision", "--precision");
        var completed = ExperimentRegistry.Complete(config);
        trace?.Changed(ExperimentRegistry.CompleteSource, config, completed);
        return completed;
    }

    /// <summary>
    /// The members a run trains: the config at each γ of --gamma and seed of --seed (the config's own when not
    /// given), γ-major; the first invalid value is an ArgumentException.
    /// </summary>
    public static List<RunConfig> Members(RunConfig config, string? gammaText, string? seedText)
    {
        var gammas = gammaText is null ? [config.Gamma] : GridSpec.Gammas(gammaText);
        var seeds = seedText is null ? [config.Seed] : GridSpec.Seeds(seedText);
        var members = gammas.SelectMany(g => seeds.Select(s => config with { Gamma = g, Seed = s })).ToList();
        var errors = members.SelectMany(m => m.Validate()).Distinct().ToList();
        if (errors.Count > 0) throw new ArgumentException(errors[0]);
        return members;
    }
}
