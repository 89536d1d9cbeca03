using InitBias.Models;
using InitBias.Tasks;
using InitBias.Training;

namespace InitBias.Experiments;

/// <summary>
/// The full resolved configuration of one model's run: everything that determines its metrics. Written to
/// config.json; a run folder holds exactly one.
/// </summary>
public sealed record RunConfig
{
    public string Experiment { get; init; } = "transformer";
    public string Profile { get; init; } = "ci";
    /// <summary>Initialisation rate: every weight matrix ~ N(0, (d_in^-γ)²).</summary>
    public double Gamma { get; init; } = 0.8;
    /// <summary>Run seed; init, data and order streams are derived from it.</summary>
    public long Seed { get; init; } = 1;
    public CompositionTaskConfig Task { get; init; } = new();
    public ModelConfig Model { get; init; } = new();
    public TrainConfig Train { get; init; } = new();

    public ulong InitSeed => InitBias.Rng.Derive(Seed, "init");
    public ulong DataSeed => InitBias.Rng.Derive(Seed, "data");
    public ulong OrderSeed => InitBias.Rng.Derive(Seed, "order");

    public IEnumerable<string> Validate()
    {
        if (!(Gamma > 0 && Gamma <= 2)) yield return $"gamma must be in (0, 2] (got {Gamma.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        if (Seed < 0) yield return $"seed must be non-negative (got {Seed})";
        foreach (var m in Task.Validate(Model.VocabSize)) yield return m;
        foreach (var m in Model.Validate()) yield return m;
        foreach (var m in Train.Validate()) yield return m;
        if (Task.SeqLen > Model.MaxPositions) yield return $"task seqLen {Task.SeqLen} exceeds model maxPositions {Model.MaxPositions}";
    }

    /// <summary>True when two configs can train as members of one ensemble (only γ and seed may differ).</summary>
    public bool SharesArchitectureWith(RunConfig other) =>
        Json.Serialize(this with { Gamma = 0, Seed = 0 }) == Json.Serialize(other with { Gamma = 0, Seed = 0 });
}
