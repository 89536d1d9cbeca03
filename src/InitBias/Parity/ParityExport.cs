using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Parity;

/// <summary>
/// Trains an ensemble as `initbias run` does (ExperimentRunner: the experiment's data, model, init rule and trainer)
/// and writes what an independent reference needs to repeat one member's training step for step (tests/parity/):
///   init/{param}.npy   the member's initial parameters (float32, the C# layout: y = x W, W [in, out])
///   final/{param}.npy  its parameters after the last step
///   batches.npy        [steps, B, L+1] int64, the rows each step trained on (input = row[:L])
///   losses.npy         [steps] float64, the member's training loss of each step (before that step's update)
///   manifest.json      family, experiment, member index, γ and seed of every member, model and train config
///   at{s}/{param}.npy  optional: the parameters after s steps, for each s in snapshotSteps that the run evaluates
///                      (train.denseEvalEvery / denseEvalUntil add evaluations; they do not change the trajectory)
/// Only reads the run (Trainer.OnBatch, ExperimentRunner.OnEvaluated), so the exported numbers are the run's own.
/// </summary>
public static class ParityExport
{
    public static JsonObject Export(IReadOnlyList<RunConfig> members, int member, string dir, Device? device = null,
        IReadOnlyCollection<int>? snapshotSteps = null)
    {
        if (member < 0 || member >= members.Count)
            throw new ArgumentOutOfRangeException(nameof(member), $"member {member} of {members.Count}");
        int steps = members[0].Train.Steps;
        Directory.CreateDirectory(Path.Combine(dir, "init"));
        Directory.CreateDirectory(Path.Combine(dir, "final"));
        var rows = new List<long[]>();
        var losses = new List<double>();
        long[] rowShape = [];
        var parameters = new JsonArray();
        string family = "";
        new ExperimentRunner
        {
            Device = device ?? CPU,
            OnBatch = (_, batch, loss) =>
            {
                using var scope = NewDisposeScope();
                var mine = batch[member].cpu().contiguous();
                rowShape = mine.shape;
                rows.Add(mine.data<long>().ToArray());
                losses.Add(loss[member].to(ScalarType.Float64).cpu().item<double>());
            },
            OnEvaluated = (step, model) =>
            {
                family = Family(model);
                if (step == 0) parameters = WriteParameters(model, member, Path.Combine(dir, "init"));
                if (step == steps) WriteParameters(model, member, Path.Combine(dir, "final"));
                if (snapshotSteps?.Contains(step) == true)
                    WriteParameters(model, member, Directory.CreateDirectory(Path.Combine(dir, $"at{step}")).FullName);
            },
        }.Run(members);
        if (rows.Count != steps) throw new InvalidOperationException($"{rows.Count} batches seen, {steps} expected");

        Npy.Write(Path.Combine(dir, "batches.npy"), rows.SelectMany(r => r).ToArray(), [steps, .. rowShape]);
        Npy.Write(Path.Combine(dir, "losses.npy"), losses.ToArray(), [steps]);
        var c = members[member];
        var manifest = new JsonObject
        {
            ["family"] = family,
            ["experiment"] = c.Experiment,
            ["profile"] = c.Profile,
            ["member"] = member,
            ["members"] = new JsonArray(members.Select(m => (JsonNode)new JsonObject
            {
                ["gamma"] = m.Gamma,
                ["seed"] = m.Seed,
            }).ToArray()),
            ["gamma"] = c.Gamma,
            ["seed"] = c.Seed,
            ["steps"] = steps,
            ["model"] = Json.ToNode(c.Model),
            ["train"] = Json.ToNode(c.Train),
            ["parameters"] = parameters,
        };
        File.WriteAllText(Path.Combine(dir, "manifest.json"), manifest.ToJsonString(Json.Options));
        return manifest;
    }

    private static string Family(IEnsembleModel model) => model switch
    {
        DecoderTransformer => "transformer",
        EmbMlp => "emb-mlp",
        Gpt2Decoder => "gpt2",
        _ => throw new ArgumentException($"no parity reference for {model.GetType().Name}"),
    };

    /// <summary>Every parameter's slice of one member, by its module name (tok_emb.weight, layers.0.wq.weight, …).
    /// </summary>
    private static JsonArray WriteParameters(IEnsembleModel model, int member, string dir)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var listed = new JsonArray();
        foreach (var (name, p) in model.Module.named_parameters())
        {
            var slice = p[member].detach().cpu().contiguous();
            Npy.Write(Path.Combine(dir, name + ".npy"), slice.data<float>().ToArray(), slice.shape);
            listed.Add(new JsonObject
            {
                ["name"] = name,
                ["shape"] = new JsonArray(slice.shape.Select(d => (JsonNode)d).ToArray()),
            });
        }
        return listed;
    }
}
