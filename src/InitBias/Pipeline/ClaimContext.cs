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

    /// <summary>
    /// The grids were trained by this many shard jobs before this evaluation: train at most one shard's members of
    /// any grid, else refuse (TrainingContext.EvaluatesShards). INITBIAS_EVALUATES_SHARDS, `--evaluates-shards`.
    /// </summary>
    public int? EvaluatesShards { get; init; }

    /// <summary>Applied to every experiment config: integration tests shrink claims to seconds with it.</summary>
    public Func<RunConfig, RunConfig>? Adjust { get; init; }

    /// <summary>
    /// The matmul precision every grid trains in (train.precision): fp32, or bf16 operands with fp32 weights and
    /// accumulation (MatmulPrecision), the GPU option for the paper profile's GPT-2. Recorded in the snapshot's
    /// environment, so bf16 numbers are never held to fp32 ones.
    /// </summary>
    public string Precision { get; init; } = Models.MatmulPrecision.Fp32;

    /// <summary>
    /// Profile from INITBIAS_PROFILE (default ci); device from INITBIAS_DEVICE (cpu, cuda or auto; default auto: a
    /// device asked for by name is that device or an ArgumentException, never a silent fallback); matmul precision
    /// from INITBIAS_PRECISION (fp32, the default, or bf16); output under INITBIAS_OUT, else runs/claims/PROFILE at
    /// the repository root, else the temp folder.
    /// </summary>
    public static ClaimContext FromEnvironment(string? profile = null, string? device = null, string? outRoot = null)
    {
        var p = profile ?? Profiles.Default;
        Profiles.Check(p);
        TorchRuntime.Prepare();
        var root = outRoot ?? Environment.GetEnvironmentVariable("INITBIAS_OUT")
            ?? Path.Combine(Repository.Root() ?? Path.GetTempPath(), "runs", "claims");
        var asked = device ?? Environment.GetEnvironmentVariable("INITBIAS_DEVICE");
        var precision = Environment.GetEnvironmentVariable("INITBIAS_PRECISION") is { Length: > 0 } x
            ? x : Models.MatmulPrecision.Fp32;
        if (!Models.MatmulPrecision.All.Contains(precision))
            throw new ArgumentException($"INITBIAS_PRECISION '{precision}' is not fp32 or bf16");
        return new ClaimContext(p, TorchRuntime.ResolveDevice(asked), Path.Combine(root, p))
        {
            Reuse = Environment.GetEnvironmentVariable("INITBIAS_REUSE") == "1",
            Precision = precision,
            EvaluatesShards = ParseShardCount(Environment.GetEnvironmentVariable("INITBIAS_EVALUATES_SHARDS"),
                "INITBIAS_EVALUATES_SHARDS"),
        };
    }

    /// <summary>A positive shard count, or null when not set; anything else is an error naming its source.</summary>
    public static int? ParseShardCount(string? text, string source) =>
        string.IsNullOrEmpty(text) ? null
        : int.TryParse(text, out int n) && n >= 1 ? n
        : throw new ArgumentException($"{source}: '{text}' is not a positive shard count");

    /// <summary>Adjust, then the precision (fp32 leaves configs as the profile has them).</summary>
    private Func<RunConfig, RunConfig>? Configs => Precision == Models.MatmulPrecision.Fp32 ? Adjust
        : c =>
        {
            var adjusted = Adjust is null ? c : Adjust(c);
            return adjusted with { Train = adjusted.Train with { Precision = Precision } };
        };

    /// <summary>The seeds every claim grid trains (Profiles.ClaimSeeds).</summary>
    public IReadOnlyList<long> Seeds => Profiles.ClaimSeeds(Profile);

    public TrainingContext ForTraining() =>
        new(Profile, Device, OutRoot)
        {
            // An evaluation after shards reads the shards' folders: it reuses whatever it may.
            Reuse = Reuse || EvaluatesShards is not null,
            Shard = Shard,
            EvaluatesShards = EvaluatesShards,
            Adjust = Configs,
            Log = Log,
        };

    /// <summary>How claims read: the configs resolved here (registry, Adjust, precision), as grids train.</summary>
    public ReadContext ForReading() =>
        new(Profile, OutRoot, experiment => ExperimentRegistry.Resolve(experiment, Profile, Configs));
}
