using System.Diagnostics;
using InitBias.Models;
using InitBias.Runs;
using InitBias.Tasks;
using InitBias.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Experiments;

/// <summary>The metrics and summary of one member's run, as written to its run folder.</summary>
public sealed record MemberResult(RunConfig Config, IReadOnlyList<IReadOnlyDictionary<string, double>> Metrics,
    RunSummary Summary);

/// <summary>
/// Runs E member configs (same experiment and sizes; γ and seed may differ) as one ensemble: per member its own data
/// (data seed), init (init seed, γ) and batch order (order seed). Writes one run folder per member when given.
/// </summary>
public sealed class ExperimentRunner
{
    public required Device Device { get; init; }
    public Action<int>? OnStep { get; init; }
    /// <summary>Passed to the trainer (Trainer.OnBatch): each step's rows and per-member losses.</summary>
    public Action<int, Tensor, Tensor>? OnBatch { get; init; }
    public Action<EvalRecord>? OnEval { get; init; }
    /// <summary>Called after each evaluation with the model (analyses that read weights during training).</summary>
    public Action<int, IEnsembleModel>? OnEvaluated { get; init; }
    /// <summary>The probes (Probes.Recording.ProbeRecorder.For): built from the members' data as this runner built
    /// it, so they read the very samples the run trains on; called after each evaluation, after OnEvaluated.
    /// </summary>
    public Func<IReadOnlyList<TaskData>, Action<int, IEnsembleModel>>? Probes { get; init; }
    /// <summary>Called once with the ensemble's data tensors before training: exports of the evaluation sets
    /// (Parity/ParityExport) read them here, so they are the very samples the trainer evaluates on.</summary>
    public Action<EnsembleData>? OnData { get; init; }
    /// <summary>
    /// Phase timing of the run (summary.json's phaseSeconds). Without one, a CPU run times itself (CPU ops are
    /// synchronous, so the laps are exact and cost a clock read each); a CUDA run is not timed, because exact laps
    /// there need a device synchronisation per lap, which would slow the run: pass one built with DeviceSync to ask.
    /// </summary>
    public StepProfile? Profile { get; init; }
    /// <summary>Checkpoint into every member's folder after each evaluation at a multiple of this step.</summary>
    public int CheckpointEvery { get; init; }
    /// <summary>Continue from the members' checkpoints (Checkpoint.Read) instead of starting at step 0.</summary>
    public bool Resume { get; init; }

    public IReadOnlyList<MemberResult> Run(IReadOnlyList<RunConfig> members, IReadOnlyList<string>? outDirs = null,
        CancellationToken cancel = default)
    {
        if (members.Count == 0) throw new ArgumentException("no members to run");
        if (outDirs is not null && outDirs.Count != members.Count)
            throw new ArgumentException("one output folder per member");
        var first = members[0];
        if (members.Any(m => !m.SharesArchitectureWith(first)))
            throw new ArgumentException("ensemble members may differ only in gamma and seed");
        var errors = members.SelectMany(m => m.Validate()).Distinct().ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        var experiment = ExperimentRegistry.Get(first.Experiment);

        var data = members.Select(experiment.BuildData).ToList();
        var probes = Probes?.Invoke(data);
        var model = experiment.BuildModel(first.Model, members.Count);
        model.Module.to(Device);
        var initStreams = members.Select(m => new RandomStream(m.InitSeed)).ToList();
        InitRule.Apply(model.InitPlan(), members.Select(m => m.Gamma).ToList(), initStreams);
        initStreams.ForEach(g => g.Dispose());

        if (Resume && outDirs is null) throw new ArgumentException("resuming needs the run folders");
        using var resumeFrom = Resume ? Checkpoint.Read(outDirs!, members) : null;
        var env = EnvironmentFingerprint.Capture(Device);
        var folders = outDirs?.Select((d, i) => resumeFrom is null
            ? RunFolder.Create(d, members[i], env)
            : RunFolder.Reopen(d, resumeFrom.Step)).ToList();
        if (resumeFrom is null) outDirs?.ToList().ForEach(Checkpoint.Delete);
        if (outDirs is not null && experiment.WriteArtifacts is not null)
            for (int i = 0; i < members.Count; i++) experiment.WriteArtifacts(members[i], outDirs[i]);
        var rows = members.Select((_, i) => resumeFrom is null ? new List<IReadOnlyDictionary<string, double>>()
            : RunFolder.ReadMetrics(outDirs![i]).Select(r => (IReadOnlyDictionary<string, double>)r).ToList())
            .ToList();
        int lastStep = rows[0].Count > 0 ? (int)rows[0][^1]["step"] : 0;
        long trainSamples = 0;
        var profile = Profile ?? (Device.type == DeviceType.CPU ? new StepProfile() : null);
        var clock = Stopwatch.StartNew();
        profile?.Start();
        try
        {
            using var tensors = new EnsembleData(data, Device);
            trainSamples = tensors.TrainCount;
            OnData?.Invoke(tensors);
            var trainer = new Trainer(first.Train)
            {
                OnStep = OnStep,
                OnBatch = OnBatch,
                Profile = profile,
                ResumeFrom = resumeFrom,
                CheckpointEvery = outDirs is null ? 0 : CheckpointEvery,
                OnCheckpoint = outDirs is null ? null : state =>
                {
                    using (state) Checkpoint.Write(outDirs, members, state);
                },
                OnEval = record =>
                {
                    lastStep = record.Step;
                    for (int e = 0; e < members.Count; e++)
                    {
                        folders?[e].Append(record.Step, record.Lr, record.Members[e]);
                        var row = new Dictionary<string, double> { ["step"] = record.Step, ["lr"] = record.Lr };
                        foreach (var (k, v) in record.Members[e]) row[k] = v;
                        rows[e].Add(row);
                    }
                    OnEval?.Invoke(record);
                    // The analyses that read weights are timed apart from the evaluation they follow.
                    profile?.Lap(Phase.Evaluation);
                    OnEvaluated?.Invoke(record.Step, model);
                    probes?.Invoke(record.Step, model);
                    profile?.Lap(Phase.Probes);
                },
            };
            trainer.Run(model, tensors, members.Select(m => m.OrderSeed).ToList(), cancel);
        }
        finally
        {
            ((IDisposable)model.Module).Dispose();
            profile?.Lap(Phase.Other);
            clock.Stop();
        }
        var phases = profile?.Rounded();

        var results = new List<MemberResult>();
        for (int e = 0; e < members.Count; e++)
        {
            var summary = Summarise(members[e], rows[e], lastStep, members.Count, trainSamples,
                clock.Elapsed.TotalSeconds, resumeFrom?.Step) with
            { PhaseSeconds = phases };
            folders?[e].WriteSummary(summary);
            folders?[e].Dispose();
            if (summary.Completed && outDirs is not null) Checkpoint.Delete(outDirs[e]);
            results.Add(new MemberResult(members[e], rows[e], summary));
        }
        return results;
    }

    private static RunSummary Summarise(RunConfig c, List<IReadOnlyDictionary<string, double>> rows, int lastStep,
        int members, long trainSamples, double seconds, int? resumedAt)
    {
        var final = rows.Count > 0
            ? rows[^1].Where(kv => kv.Key is not ("step" or "lr")).ToDictionary()
            : new Dictionary<string, double>();
        var best = EvalGroups.All.Select(g => $"acc_{g.Key()}").Where(k => rows.Any(r => r.ContainsKey(k)))
            .ToDictionary(k => k, k => rows.Max(r => r[k]));
        return new RunSummary
        {
            Experiment = c.Experiment,
            Profile = c.Profile,
            Gamma = c.Gamma,
            Seed = c.Seed,
            Completed = lastStep == c.Train.Steps,
            StepsPlanned = c.Train.Steps,
            StepsCompleted = lastStep,
            EnsembleMembers = members,
            TrainSamples = trainSamples,
            Epochs = trainSamples > 0 ? Math.Round((double)lastStep * c.Train.BatchSize / trainSamples, 2) : 0,
            ResumedAtStep = resumedAt,
            WallSeconds = Math.Round(seconds, 3),
            StepsPerSecond = seconds > 0 ? Math.Round((lastStep - (resumedAt ?? 0)) / seconds, 3) : 0,
            Final = final,
            BestAccuracy = best,
        };
    }
}
