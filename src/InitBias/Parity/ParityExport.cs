using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Parity;

/// <summary>
/// Trains an ensemble as `initbias run` does (ExperimentRunner: the experiment's data, model, init rule and trainer)
/// and writes what an independent reference needs to repeat one member's training step for step (tests/parity/):
///   init/{param}.npy   the member's initial parameters (float32, the C# layout: y = x W, W [in, out])
///   final/{param}.npy  its parameters after the last step trained
///   batches.npy        [steps, B, L+1] int64, the rows each step trained on (input = row[:L])
///   losses.npy         [steps] float64, the member's training loss of each step (before that step's update)
///   eval/{group}.npy   [N_g, L+1] int64, the evaluation sets the trainer evaluates on (mem, rsn_train, rsn_test)
///   metrics.json       the run's own evaluations: step, lr and the member's metrics (acc_mem, loss_mem, …)
///   manifest.json      family, experiment, member index, γ and seed of every member, model and train config, and
///                      "steps", the steps trained (train.steps unless stopped early: the schedule is train.steps')
///   at{s}/{param}.npy  optional: the parameters after s steps, for each s in snapshotSteps that the run evaluates
///                      (train.denseEvalEvery / denseEvalUntil add evaluations; they do not change the trajectory)
/// Only reads the run (ExperimentRunner.OnData, Trainer.OnBatch, ExperimentRunner.OnEval / OnEvaluated), so the
/// exported numbers are the run's own. Several members of one ensemble can be exported from the same run.
/// </summary>
public static class ParityExport
{
    public static JsonObject Export(IReadOnlyList<RunConfig> members, int member, string dir, Device? device = null,
        IReadOnlyCollection<int>? snapshotSteps = null) =>
        Export(members, new Dictionary<int, string> { [member] = dir }, device, snapshotSteps)[member];

    /// <summary>
    /// Exports each member of `dirs` (member index → folder) from one training run. stopAfter: train only that many
    /// steps of the config's schedule (a cancellation before step stopAfter, which changes nothing before it); it
    /// must be a step the run evaluates at, so the final weights and metrics are those of that step.
    /// </summary>
    public static IReadOnlyDictionary<int, JsonObject> Export(IReadOnlyList<RunConfig> members,
        IReadOnlyDictionary<int, string> dirs, Device? device = null, IReadOnlyCollection<int>? snapshotSteps = null,
        int? stopAfter = null, Action<int>? onStep = null)
    {
        foreach (int m in dirs.Keys)
            if (m < 0 || m >= members.Count)
                throw new ArgumentOutOfRangeException(nameof(dirs), $"member {m} of {members.Count}");
        var train = members[0].Train;
        int steps = stopAfter ?? train.Steps;
        if (steps <= 0 || steps > train.Steps || !train.EvaluatesAt(steps))
            throw new ArgumentException($"stopAfter {steps} must be an evaluated step in 1..{train.Steps} " +
                                        $"(evalEvery {train.EvalEvery})");
        var outs = dirs.ToDictionary(kv => kv.Key, kv => new MemberOut(kv.Value));
        foreach (var o in outs.Values)
        {
            Directory.CreateDirectory(Path.Combine(o.Dir, "init"));
            Directory.CreateDirectory(Path.Combine(o.Dir, "final"));
            Directory.CreateDirectory(Path.Combine(o.Dir, "eval"));
        }
        long[] rowShape = [];
        string family = "";
        using var stop = new CancellationTokenSource();
        new ExperimentRunner
        {
            Device = device ?? CPU,
            OnStep = onStep,
            OnData = data =>
            {
                foreach (var (group, samples) in data.Eval)
                    foreach (var (m, o) in outs)
                        WriteRows(Path.Combine(o.Dir, "eval", group.Key() + ".npy"), samples[m]);
            },
            OnBatch = (step, batch, loss) =>
            {
                using var scope = NewDisposeScope();
                foreach (var (m, o) in outs)
                {
                    var mine = batch[m].cpu().contiguous();
                    rowShape = mine.shape;
                    o.Rows.Add(mine.data<long>().ToArray());
                    o.Losses.Add(loss[m].to(ScalarType.Float64).cpu().item<double>());
                }
                // Checked by the trainer before step `steps` would train, after its evaluation at `steps`.
                if (step + 1 == steps) stop.Cancel();
            },
            OnEval = record =>
            {
                foreach (var (m, o) in outs)
                {
                    var row = new JsonObject { ["step"] = record.Step, ["lr"] = record.Lr };
                    foreach (var (k, v) in record.Members[m]) row[k] = v;
                    o.Metrics.Add(row);
                }
            },
            OnEvaluated = (step, model) =>
            {
                family = Family(model);
                foreach (var (m, o) in outs)
                {
                    if (step == 0) o.Parameters = WriteParameters(model, m, Path.Combine(o.Dir, "init"));
                    if (step == steps) WriteParameters(model, m, Path.Combine(o.Dir, "final"));
                    if (snapshotSteps?.Contains(step) == true)
                        WriteParameters(model, m, Directory.CreateDirectory(Path.Combine(o.Dir, $"at{step}")).FullName);
                }
            },
        }.Run(members, cancel: stop.Token);

        var manifests = new Dictionary<int, JsonObject>();
        foreach (var (m, o) in outs)
        {
            if (o.Rows.Count != steps) throw new InvalidOperationException($"{o.Rows.Count} batches, {steps} expected");
            Npy.Write(Path.Combine(o.Dir, "batches.npy"), o.Rows.SelectMany(r => r).ToArray(), [steps, .. rowShape]);
            Npy.Write(Path.Combine(o.Dir, "losses.npy"), o.Losses.ToArray(), [steps]);
            File.WriteAllText(Path.Combine(o.Dir, "metrics.json"), o.Metrics.ToJsonString(Json.Options));
            var manifest = Manifest(members, m, family, steps, o.Parameters);
            File.WriteAllText(Path.Combine(o.Dir, "manifest.json"), manifest.ToJsonString(Json.Options));
            manifests[m] = manifest;
        }
        return manifests;
    }

    /// <summary>What one exported member collects while the run trains.</summary>
    private sealed class MemberOut(string dir)
    {
        public string Dir { get; } = dir;
        public List<long[]> Rows { get; } = [];
        public List<double> Losses { get; } = [];
        public JsonArray Metrics { get; } = [];
        public JsonArray Parameters { get; set; } = [];
    }

    private static JsonObject Manifest(IReadOnlyList<RunConfig> members, int member, string family, int steps,
        JsonArray parameters)
    {
        var c = members[member];
        return new JsonObject
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
    }

    private static void WriteRows(string path, Tensor rows)
    {
        using var scope = NewDisposeScope();
        var t = rows.cpu().contiguous();
        Npy.Write(path, t.data<long>().ToArray(), t.shape);
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
