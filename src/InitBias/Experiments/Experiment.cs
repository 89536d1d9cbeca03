using InitBias.Models;
using InitBias.Tasks;

namespace InitBias.Experiments;

/// <summary>
/// A named experiment: its default config per profile, and how to build its data and model. The CLI and the claim
/// tests run these same definitions. WriteArtifacts adds files a run folder needs beyond the standard three (the
/// compact vocabulary of gpt2-mix).
/// </summary>
public sealed record Experiment(
    string Name,
    string Description,
    Func<string, RunConfig> Defaults,
    Func<RunConfig, TaskData> BuildData,
    Func<ModelConfig, int, IEnsembleModel> BuildModel,
    Action<RunConfig, string>? WriteArtifacts = null);
