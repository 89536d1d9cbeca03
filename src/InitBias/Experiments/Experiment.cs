using InitBias.Models;
using InitBias.Tasks;

namespace InitBias.Experiments;

/// <summary>
/// A named experiment: how to build its data and model, and the change that defines it against the experiment it
/// derives from (C22's missing LayerNorm, say); its config per profile comes from the profile files
/// (ProfileFiles). The CLI and the claim grids run these same definitions. WriteArtifacts adds files a run folder
/// needs beyond the standard three (the compact vocabulary of gpt2-mix).
/// </summary>
public sealed record Experiment(
    string Name,
    string Description,
    Func<RunConfig, TaskData> BuildData,
    Func<ModelConfig, int, IEnsembleModel> BuildModel,
    Func<RunConfig, RunConfig>? Change = null,
    Action<RunConfig, string>? WriteArtifacts = null)
{
    /// <summary>The resolved config of this experiment in a profile.</summary>
    public RunConfig Defaults(string profile) => ExperimentRegistry.Resolve(Name, profile);
}
