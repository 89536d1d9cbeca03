using InitBias.Experiments;
using TorchSharp;

namespace InitBias.Claims;

/// <summary>Where and how claims run: profile, device, and the folder their run folders and figures go to.</summary>
public sealed record ClaimContext(string Profile, torch.Device Device, string OutRoot)
{
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Reuse completed grid folders whose config, code and numeric environment match (RunReuse) instead of training
    /// again. Off unless asked (INITBIAS_REUSE=1, `initbias claim` outside CI): a snapshot must not pass on stale runs.
    /// </summary>
    public bool Reuse { get; init; }

    /// <summary>
    /// Train only this share of each grid's members (completed members are kept, not trained again); the claim is
    /// evaluated by a later run without a shard, once every shard has finished.
    /// </summary>
    public Runs.Shard? Shard { get; init; }

    /// <summary>
    /// Applied to every experiment config a claim trains: integration tests shrink claims to seconds with it.
    /// </summary>
    public Func<RunConfig, RunConfig>? Adjust { get; init; }

    /// <summary>
    /// Profile from INITBIAS_PROFILE (default ci); output under INITBIAS_OUT, else runs/claims/PROFILE at the
    /// repository root (found by walking up to InitBias.sln), else the temp folder.
    /// </summary>
    public static ClaimContext FromEnvironment(string? profile = null, string? device = null, string? outRoot = null)
    {
        var p = profile ?? Profiles.Default;
        Profiles.Check(p);
        TorchRuntime.Prepare();
        var root = outRoot ?? Environment.GetEnvironmentVariable("INITBIAS_OUT")
            ?? Path.Combine(RepositoryRoot() ?? Path.GetTempPath(), "runs", "claims");
        return new ClaimContext(p, TorchRuntime.ResolveDevice(device), Path.Combine(root, p))
        {
            Reuse = Environment.GetEnvironmentVariable("INITBIAS_REUSE") == "1",
        };
    }

    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InitBias.sln"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InitBias.sln"))) return dir.FullName;
        return null;
    }

    public string Folder(string name) => Path.Combine(OutRoot, name);

    /// <summary>
    /// The seeds every claim grid trains, 8 per γ (8 of 8 gives p = 0.0039, 7 of 8 p = 0.035): 1-8, or 9-16 in the
    /// full profile (Profiles.ClaimSeeds).
    /// </summary>
    public IReadOnlyList<long> Seeds => Profiles.ClaimSeeds(Profile);

    /// <summary>The config an experiment runs with in this context (profile defaults, then Adjust).</summary>
    public RunConfig ConfigOf(string experiment)
    {
        var c = ExperimentRegistry.Get(experiment).Defaults(Profile);
        return Adjust is null ? c : ExperimentRegistry.Complete(Adjust(c));
    }

    public Tasks.CompositionTaskConfig TaskOf(string experiment) => ConfigOf(experiment).Task;
}
