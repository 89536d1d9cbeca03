using InitBias.Experiments;
using InitBias.Reading;
using InitBias.Runs;
using TorchSharp;

namespace InitBias.Pipeline;

/// <summary>
/// Where and how claims run: profile, device, the folder their run folders and figures go to, and how their grids
/// train (reuse, shard, a config adjustment for tests). Claims never see it: they read through ForReading.
/// </summary>
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
    public Shard? Shard { get; init; }

    /// <summary>Applied to every experiment config: integration tests shrink claims to seconds with it.</summary>
    public Func<RunConfig, RunConfig>? Adjust { get; init; }

    /// <summary>
    /// Profile from INITBIAS_PROFILE (default ci); device from INITBIAS_DEVICE (cpu, cuda or auto; default auto: a
    /// device asked for by name is that device or an ArgumentException, never a silent fallback); output under
    /// INITBIAS_OUT, else runs/claims/PROFILE at the repository root, else the temp folder.
    /// </summary>
    public static ClaimContext FromEnvironment(string? profile = null, string? device = null, string? outRoot = null)
    {
        var p = profile ?? Profiles.Default;
        Profiles.Check(p);
        TorchRuntime.Prepare();
        var root = outRoot ?? Environment.GetEnvironmentVariable("INITBIAS_OUT")
            ?? Path.Combine(Repository.Root() ?? Path.GetTempPath(), "runs", "claims");
        var asked = device ?? Environment.GetEnvironmentVariable("INITBIAS_DEVICE");
        return new ClaimContext(p, TorchRuntime.ResolveDevice(asked), Path.Combine(root, p))
        {
            Reuse = Environment.GetEnvironmentVariable("INITBIAS_REUSE") == "1",
        };
    }

    /// <summary>The seeds every claim grid trains (Profiles.ClaimSeeds).</summary>
    public IReadOnlyList<long> Seeds => Profiles.ClaimSeeds(Profile);

    public TrainingContext ForTraining() =>
        new(Profile, Device, OutRoot) { Reuse = Reuse, Shard = Shard, Adjust = Adjust, Log = Log };

    public ReadContext ForReading() => new(Profile, Device, OutRoot, Adjust);
}
