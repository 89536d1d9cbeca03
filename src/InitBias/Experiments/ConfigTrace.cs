using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InitBias.Experiments;

/// <summary>
/// Where each value of a resolved RunConfig came from, recorded by the resolution itself (ProfileFiles.Patched,
/// ExperimentRegistry.Resolve, the CLI's ConfigResolver) when it is handed a trace: RunConfig's C# defaults, a
/// profile file's patch, an experiment's change, a value derived from others, a --config file or a command-line
/// option. Values are keyed by their path in config.json ("model.dModel"); a later stage that sets or changes a value
/// takes it over. `initbias config` prints the result.
/// </summary>
public sealed class ConfigTrace
{
    public const string Default = "C# default (RunConfig)";
    public const string Derived = "computed from the other values";

    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);

    /// <summary>Every value of a config, each with the source recorded for it (computed properties: Derived).
    /// </summary>
    public IReadOnlyList<(string Path, string Value, string Source)> Lines(RunConfig config) =>
        Leaves(Json.ToNode(config)).Select(l => (l.Path, l.Value,
            IsComputed(l.Path) ? Derived : _sources.GetValueOrDefault(l.Path, Default))).ToList();

    /// <summary>Every value of the config comes from the source (the start of a resolution).</summary>
    public void All(string source, RunConfig config)
    {
        foreach (var (path, _) in Leaves(Json.ToNode(config))) _sources[path] = source;
    }

    /// <summary>Every value a JSON patch names comes from the source, whether or not it changed.</summary>
    public void Patch(string source, JsonObject patch)
    {
        foreach (var (path, _) in Leaves(patch)) _sources[path] = source;
    }

    /// <summary>One value, by its path, comes from the source.</summary>
    public void Set(string path, string source) => _sources[path] = source;

    /// <summary>Every value that differs between two stages of a resolution comes from the source.</summary>
    public void Changed(string source, RunConfig before, RunConfig after)
    {
        var old = Leaves(Json.ToNode(before)).ToDictionary(l => l.Path, l => l.Value, StringComparer.Ordinal);
        foreach (var (path, value) in Leaves(Json.ToNode(after)))
            if (!old.TryGetValue(path, out var was) || was != value)
                _sources[path] = source;
    }

    /// <summary>A JSON tree's values by path, in its order: objects recurse, anything else (arrays too) is one value,
    /// written as JSON except that a string is written without its quotes.</summary>
    public static IEnumerable<(string Path, string Value)> Leaves(JsonNode? node, string prefix = "")
    {
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o)
                foreach (var leaf in Leaves(child, prefix.Length == 0 ? key : $"{prefix}.{key}"))
                    yield return leaf;
        }
        else
            yield return (prefix, node is JsonValue v && v.TryGetValue<string>(out var text) ? text
                : node?.ToJsonString(Json.Line) ?? "null");
    }

    /// <summary>Whether the path names a get-only property (NumKeys, InitSeed, …): computed, never set.</summary>
    private static bool IsComputed(string path)
    {
        Type? type = typeof(RunConfig);
        PropertyInfo? property = null;
        foreach (var segment in path.Split('.'))
        {
            property = type?.GetProperties().FirstOrDefault(p =>
                JsonNamingPolicy.CamelCase.ConvertName(p.Name) == segment);
            if (property is null) return false;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return property is { SetMethod: null };
    }
}
