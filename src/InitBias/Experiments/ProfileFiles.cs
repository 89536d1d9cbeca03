using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InitBias.Experiments;

/// <summary>
/// The profiles as data: profiles/{paper,ci,full}.json, embedded in the assembly. paper.json patches RunConfig's
/// defaults (the paper's transformer) per experiment; ci.json extends paper.json, full.json extends ci.json. An
/// experiment resolves to: its "from" experiment's config in the same profile (or RunConfig's defaults), then its
/// patches from every file of the chain in order, then the experiment's own change (ExperimentRegistry: no
/// LayerNorm, a fifth of the lr, next-token loss), then Complete. Comments are allowed; unknown keys are errors.
/// </summary>
public static class ProfileFiles
{
    private static readonly ConcurrentDictionary<string, ProfileFile> Loaded = new();
    /// <summary>How deep the current thread is in "from" resolutions: more than there are experiments is a loop.
    /// </summary>
    private static readonly ThreadLocal<int> Depth = new(() => 0);
    private static IReadOnlyCollection<string> All => ExperimentRegistry.All.Keys.ToList();

    /// <summary>One profile file as written: what it extends, its claim seeds, its per-experiment patches.</summary>
    public sealed record ProfileFile(string Name, string? Extends, IReadOnlyList<long> ClaimSeeds,
        IReadOnlyDictionary<string, JsonObject> Experiments);

    public static ProfileFile Load(string profile) => Loaded.GetOrAdd(profile, Parse);

    /// <summary>The files from paper.json to this profile's, in patch order.</summary>
    public static IReadOnlyList<ProfileFile> Chain(string profile)
    {
        var chain = new List<ProfileFile>();
        for (string? p = profile; p is not null; p = chain[^1].Extends)
        {
            if (chain.Count > Profiles.All.Length) throw new InvalidDataException($"profile {profile}: extends loops");
            chain.Add(Load(p));
        }
        chain.Reverse();
        return chain;
    }

    /// <summary>The experiment's config in the profile, before its change and Complete (ExperimentRegistry);
    /// <paramref name="trace"/>, when given, records where each value came from.</summary>
    public static RunConfig Patched(string experiment, string profile, Func<string, RunConfig> resolve,
        ConfigTrace? trace = null)
    {
        if (Depth.Value > All.Count)
            throw new InvalidDataException($"profiles/{profile}.json: the \"from\" chain of '{experiment}' loops");
        var chain = Chain(profile);
        string? from = chain.Select(f => f.Experiments.GetValueOrDefault(experiment)?["from"]?.GetValue<string>())
            .LastOrDefault(f => f is not null);
        if (!chain.Any(f => f.Experiments.ContainsKey(experiment)))
            throw new ArgumentException($"profile {profile} does not define experiment '{experiment}'");
        JsonObject node;
        Depth.Value++;
        try
        {
            var start = from is null ? new RunConfig() : resolve(from);
            if (from is null) trace?.All(ConfigTrace.Default, start);
            node = Json.ToNode(start).AsObject();
        }
        finally { Depth.Value--; }
        foreach (var file in chain)
            if (file.Experiments.TryGetValue(experiment, out var patch))
            {
                var copy = patch.DeepClone().AsObject();
                copy.Remove("from");
                Json.Merge(node, copy);
                trace?.Patch($"profiles/{file.Name}.json, {experiment}", copy);
            }
        try
        {
            return node.Deserialize<RunConfig>(Json.Options)! with { Experiment = experiment, Profile = profile };
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"profiles/{profile}.json, {experiment}: {ex.Message.Split('\n')[0]}");
        }
    }

    private static ProfileFile Parse(string profile)
    {
        Profiles.Check(profile);
        string name = $"InitBias.profiles.{profile}.json";
        using var stream = typeof(ProfileFiles).Assembly.GetManifestResourceStream(name)
                           ?? throw new InvalidDataException($"the assembly holds no profile file {name}");
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip };
        var root = JsonNode.Parse(stream, documentOptions: options)?.AsObject()
                   ?? throw new InvalidDataException($"{name} holds no JSON object");
        if (root.Select(kv => kv.Key).FirstOrDefault(k => k is not ("extends" or "claimSeeds" or "experiments"))
            is { } unknown)
            throw new InvalidDataException($"{name}: unknown key '{unknown}'");
        string? extends = root["extends"]?.GetValue<string>();
        if (extends is not null) Profiles.Check(extends);
        var seeds = root["claimSeeds"]?.AsArray().Select(n => n!.GetValue<long>()).ToList()
                    ?? throw new InvalidDataException($"{name}: no claimSeeds");
        var experiments = (root["experiments"]?.AsObject() ?? [])
            .ToDictionary(kv => kv.Key, kv => kv.Value!.AsObject());
        return new ProfileFile(profile, extends, seeds, experiments);
    }
}
