using System.Text.Json.Serialization;

namespace InitBias.Runs;

/// <summary>summary.json: how the run ended and its final metrics. Timing lives here, never in metrics.jsonl.</summary>
public sealed record RunSummary
{
    public required string Experiment { get; init; }
    public required string Profile { get; init; }
    public required double Gamma { get; init; }
    public required long Seed { get; init; }
    public required bool Completed { get; init; }
    public required int StepsPlanned { get; init; }
    public required int StepsCompleted { get; init; }
    public required int EnsembleMembers { get; init; }
    /// <summary>Training samples (windows, for real data) of one member, and the passes the run made.</summary>
    public required long TrainSamples { get; init; }
    public required double Epochs { get; init; }
    /// <summary>The checkpoint step this session continued from (null: trained from step 0).</summary>
    public int? ResumedAtStep { get; init; }
    /// <summary>Time of this session only (a resumed run's earlier sessions are not included).</summary>
    public required double WallSeconds { get; init; }
    /// <summary>Optimizer steps per second of the whole ensemble run (all members advance together).</summary>
    public required double StepsPerSecond { get; init; }
    /// <summary>
    /// Where WallSeconds went, by phase; the ensemble's, so every member records the same. Absent
    /// in summaries written before it existed and in CUDA runs, which are not timed unless asked (ExperimentRunner).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PhaseSeconds? PhaseSeconds { get; init; }
    public required IReadOnlyDictionary<string, double> Final { get; init; }
    /// <summary>Highest accuracy per group over all evaluations.</summary>
    public required IReadOnlyDictionary<string, double> BestAccuracy { get; init; }
}
