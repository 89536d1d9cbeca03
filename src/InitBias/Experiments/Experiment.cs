using InitBias.Models;
using InitBias.Tasks;

namespace InitBias.Experiments;

/// <summary>
/// A named experiment: its default config per profile, and how to build its data and model. The CLI and the claim
/// tests run these same definitions.
/// </summary>
public sealed record Experiment(
    string Name,
    string Description,
    Func<string, RunConfig> Defaults,
    Func<RunConfig, TaskData> BuildData,
    Func<ModelConfig, int, IEnsembleModel> BuildModel);
