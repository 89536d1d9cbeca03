using InitBias.Experiments;
using TorchSharp;

namespace InitBias.Runs;

/// <summary>
/// Where and how declared grids train: profile (its configs and claim seeds), device, the root their run folders go
/// to, whether completed members are reused, the shard of members to train, and a config adjustment (tests shrink
/// grids to seconds with it).
/// </summary>
public sealed record TrainingContext(string Profile, torch.Device Device, string OutRoot)
{
    public bool Reuse { get; init; }
    public Shard? Shard { get; init; }
    /// <summary>
    /// This run evaluates grids that n shard jobs trained (CI's evaluation jobs): it may train at most one shard's
    /// members of a grid (members / n, rounded up); more means the shards' folders were not reused, and training
    /// them all here would be the whole grid in one job (GPT-2 at paper size: over 100 GB and about 35 h), so it
    /// refuses instead.
    /// </summary>
    public int? EvaluatesShards { get; init; }
    public Func<RunConfig, RunConfig>? Adjust { get; init; }
    public Action<string>? Log { get; init; }

    public IReadOnlyList<long> Seeds => Profiles.ClaimSeeds(Profile);

    public RunConfig ConfigOf(string experiment) => ExperimentRegistry.Resolve(experiment, Profile, Adjust);
}
