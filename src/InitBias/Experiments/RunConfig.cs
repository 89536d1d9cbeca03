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
    /// <summary>
    /// The real-data mixture (gpt2-mix only; null for the synthetic experiments, whose data is Task).
    /// </summary>
    public RealData.CorpusConfig? Corpus { get; init; }

    public ulong InitSeed => InitBias.Rng.Derive(Seed, "init");
    public ulong DataSeed => InitBias.Rng.Derive(Seed, "data");
    public ulong OrderSeed => InitBias.Rng.Derive(Seed, "order");

    /// <summary>Whether a step is on the run's regular evaluation schedule (not a dense early evaluation).</summary>
    public bool IsRegularEvaluation(int step) => step % Train.EvalEvery == 0 || step == Train.Steps;

    public IEnumerable<string> Validate()
    {
        if (!(Gamma > 0 && Gamma <= 2))
            yield return
                $"gamma must be in (0, 2] (got {Gamma.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        if (Seed < 0) yield return $"seed must be non-negative (got {Seed})";
        foreach (var m in Task.Validate(Model.VocabSize)) yield return m;
        foreach (var m in Model.Validate()) yield return m;
        foreach (var m in Train.Validate()) yield return m;
        if (Corpus is not null)
        {
            var corpusErrors = Corpus.Validate().ToList();
            foreach (var m in corpusErrors) yield return m;
            if (corpusErrors.Count == 0 && ExperimentRegistry.Complete(this).Model != Model)
                yield return "model: vocabSize and maxPositions must be the corpus's compact vocabulary size " +
                             "and context length";
        }
        if (Task.SeqLen > Model.MaxPositions)
            yield return $"task seqLen {Task.SeqLen} exceeds model maxPositions {Model.MaxPositions}";
    }

    /// <summary>True when two configs can train as members of one ensemble (only γ and seed may differ).</summary>
    public bool SharesArchitectureWith(RunConfig other) =>
        Json.Serialize(this with { Gamma = 0, Seed = 0 }) == Json.Serialize(other with { Gamma = 0, Seed = 0 });
}
