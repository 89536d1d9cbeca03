using InitBias.Experiments;
using InitBias.Models;
using InitBias.Training;
using TorchSharp;

namespace InitBias.Tests.Integration;

/// <summary>
/// Trains members as one ensemble on the CPU the way ExperimentRunner does (data, model, init, Trainer), with hooks
/// around the part that must not depend on torch's default device or on the embedding lookup path: data, training
/// and evaluation run inside <c>around</c>; the model is built before it (constructors allocate on the default
/// device by design, then the model is moved).
/// </summary>
internal static class EnsembleTraining
{
    public static List<EvalRecord> Run(IReadOnlyList<RunConfig> members, Func<IDisposable>? around = null)
    {
        var experiment = ExperimentRegistry.Get(members[0].Experiment);
        var model = experiment.BuildModel(members[0].Model, members.Count);
        try
        {
            model.Module.to(torch.CPU);
            var streams = members.Select(m => new RandomStream(m.InitSeed)).ToList();
            InitRule.Apply(model.InitPlan(), members.Select(m => m.Gamma).ToList(), streams);
            streams.ForEach(s => s.Dispose());
            var records = new List<EvalRecord>();
            using (around?.Invoke())
            {
                using var data = new EnsembleData(members.Select(experiment.BuildData).ToList(), torch.CPU);
                new Trainer(members[0].Train) { OnEval = records.Add }
                    .Run(model, data, members.Select(m => m.OrderSeed).ToList());
            }
            return records;
        }
        finally { ((IDisposable)model.Module).Dispose(); }
    }
}
