using System.Text.Json;
using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Runs;
using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>
/// The mechanism statistics of one transformer run at one evaluation (MechanismStatistics). KeyProbeAttnOut and
/// ControlProbeAttnOut: C15 v3's key probe on layer 2's attention output and its noise-position control (null where
/// the probe did not record them); MeanAbsCosLearned: C20 v2's mean pairwise |cos| of the w − w0 rows (condensed when
/// near 1; NaN at step 0).
/// </summary>
public sealed record MechanismRow(
    int Step, double AccRsnTrain, double Rho, double MemMinusRsnCos, double MemMinusRsnCosLearned,
    double KeyPcaOrder, double WvRatio, double U1Gap, double? KeyProbeLayer2, double Eq14MaxDifference,
    double Eq14Shape, double Erank, double ErankLearned, double? KeyProbeAttnOut, double? ControlProbeAttnOut,
    double MeanAbsCosLearned);

/// <summary>
/// One inspected run: where it is, its γ and seed, its two reading points (ReadingPoint: the progress point and the
/// onset, found on the γ 0.8 run of its seed) and its rows.
/// </summary>
public sealed record InspectedRun(string Dir, double Gamma, long Seed, int? ProgressStep, int? OnsetStep,
    IReadOnlyList<MechanismRow> Rows);

/// <summary>
/// `initbias inspect`: the mechanism statistics of any transformer run with the mechanism probe, per evaluation. A
/// folder is one run (it holds config.json) or a grid (member folders that do). The progress point is the first
/// evaluation at which the γ 0.8 run of the same seed (in a grid; else the run itself) reaches acc_rsn_train ≥ 0.9.
/// Anchor cosines come from the anchors section where the probe recorded one (as the claims read them at the last
/// step), else from the mechanism section's embeddings; what training added, w − w0, is read against step 0.
/// </summary>
public static class RunInspection
{
    /// <summary>The run folders under a path: itself when it is a run, else its member folders.</summary>
    public static IReadOnlyList<string> RunFolders(string path)
    {
        if (!Directory.Exists(path)) throw new ArgumentException($"{path} is not a folder");
        if (File.Exists(Path.Combine(path, RunFolder.ConfigFile))) return [path];
        var members = Directory.EnumerateDirectories(path)
            .Where(d => File.Exists(Path.Combine(d, RunFolder.ConfigFile))).Order(StringComparer.Ordinal).ToList();
        return members.Count > 0 ? members
            : throw new ArgumentException($"{path} holds no run ({RunFolder.ConfigFile}, or member folders with one)");
    }

    public static IReadOnlyList<InspectedRun> Inspect(string path)
    {
        var runs = RunFolders(path).Select(Read).ToList();
        var small = runs.Where(r => r.Config.Gamma == Gamma.SmallInit).ToDictionary(r => r.Config.Seed);
        int? At(ReadingPoint point, Run r) =>
            point.FindIn(small.TryGetValue(r.Config.Seed, out var s) ? s.Metrics : r.Metrics);
        return runs.Select(r => new InspectedRun(r.Dir, r.Config.Gamma, r.Config.Seed,
            At(ReadingPoint.Progress, r), At(ReadingPoint.Onset, r), Rows(r))).ToList();
    }

    private sealed record Run(string Dir, RunConfig Config, IReadOnlyList<MetricRow> Metrics,
        IReadOnlyList<ProbeLine> Probes);

    private static Run Read(string dir)
    {
        var doc = RunFolder.ReadConfig(dir)
                  ?? throw new ArgumentException($"{dir}: unreadable {RunFolder.ConfigFile}");
        RunConfig config;
        try { config = doc["config"].Deserialize<RunConfig>(Json.Options)!; }
        catch (Exception ex) when (ex is JsonException or ArgumentNullException)
        {
            throw new ArgumentException($"{dir}: {RunFolder.ConfigFile} holds no run config");
        }
        if (!File.Exists(Path.Combine(dir, ProbeFile.File)))
            throw new ArgumentException($"{dir} has no {ProbeFile.File}: train it with probes (initbias run …)");
        var probes = ProbeFile.Read(dir);
        if (probes.Count == 0 || probes[0].Step != 0 || probes.Any(l => l.Mechanism is null))
            throw new ArgumentException($"{dir}: {ProbeFile.File} has no mechanism probe from step 0 " +
                                        $"(experiment {config.Experiment}; inspect reads transformer runs)");
        var metrics = RunFolder.ReadMetrics(dir).Select(r => new MetricRow(r)).ToList();
        return new Run(dir, config, metrics, probes);
    }

    private static IReadOnlyList<MechanismRow> Rows(Run run)
    {
        var task = run.Config.Task;
        var anchors = task.Anchors();
        var w0 = run.Probes[0].Mechanism!.Embeddings!;
        var theory = Eq14Draws.TheoryProfile(Eq14Draws.Reasoning(run.Config, run.Config.Seed),
            task.ReasoningAnchors());
        var accuracy = run.Metrics.ToDictionary(r => r.Step, r => r.Accuracy(EvalGroup.RsnTrain));
        return run.Probes.Select(line =>
        {
            var m = line.Mechanism!;
            var w = m.Embeddings!;
            var learned = w.Select((r, i) => Linalg.Subtract(r, w0[i])).ToArray();
            var cos = line.Anchors is { } a ? new TokenCosines(ProbeFile.ToMatrix(a.Cos), a.FirstToken)
                : new TokenCosines(Linalg.CosineMatrix(TransformerReadings.Block(w, anchors)), anchors.First);
            var learnedCos = new TokenCosines(
                Linalg.CosineMatrix(TransformerReadings.Block(learned, anchors)), anchors.First);
            var trained = Eq14Draws.Profile(cos, task.ReasoningAnchors());
            return new MechanismRow(line.Step, accuracy.GetValueOrDefault(line.Step, double.NaN),
                MechanismStatistics.Rho(cos, task), MechanismStatistics.MemoryMinusReasoning(cos, task),
                line.Step == 0 ? double.NaN : MechanismStatistics.MemoryMinusReasoning(learnedCos, task),
                MechanismStatistics.KeyPcaOrder(w, task), MechanismStatistics.WvRatio(m),
                MechanismStatistics.U1Gap(m.U1AbsCosAnchors!, task), m.KeyProbeLayer2,
                MechanismStatistics.Eq14MaxDifference(theory, trained), MechanismStatistics.Eq14Shape(trained, task),
                m.EffectiveRank, line.Step == 0 ? double.NaN : MechanismStatistics.Erank(learned),
                m.KeyProbeAttnOut, m.ControlProbeAttnOut,
                line.Step == 0 ? double.NaN : Geometry.MeanAbsCos(Linalg.CosineMatrix(learned)));
        }).ToList();
    }

    /// <summary>The inspection as JSON for scripts (NaN where undefined, as w − w0 at step 0).</summary>
    public static JsonObject ToJson(IReadOnlyList<InspectedRun> runs) => new()
    {
        ["runs"] = new JsonArray(runs.Select(r => (JsonNode?)new JsonObject
        {
            ["dir"] = r.Dir,
            ["gamma"] = r.Gamma,
            ["seed"] = r.Seed,
            ["progress_step"] = r.ProgressStep,
            ["onset_step"] = r.OnsetStep,
            ["evaluations"] = JsonSerializer.SerializeToNode(r.Rows, Options),
        }).ToArray()),
    };

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
