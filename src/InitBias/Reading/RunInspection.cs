using System.Text.Json;
using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>
/// The mechanism statistics of one transformer run at one evaluation (MechanismStatistics, TokenCosines).
/// KeyProbeAttnOut and ControlProbeAttnOut: C15 v3's key probe on layer 2's attention output and its noise-position
/// control (null where the probe did not record them); MeanAbsCosLearned: C20 v2's mean pairwise |cos| of the w − w0
/// rows (condensed when near 1; NaN at step 0).
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
/// folder is one run (it holds config.json) or a grid (member folders that do), read through RunReader. The progress
/// point is the first evaluation at which the γ 0.8 run of the same seed (in a grid; else the run itself) reaches
/// acc_rsn_train ≥ 0.9. Every statistic is computed from the recorded rows by the functions the claims call
/// (MechanismStatistics, TokenCosines); what training added, w − w0, is read against step 0.
/// </summary>
public static class RunInspection
{
    public static IReadOnlyList<InspectedRun> Inspect(string path)
    {
        var runs = RunReader.RunFolders(path).Select(Read).ToList();
        var small = runs.Where(r => r.Config.Gamma == Gamma.SmallInit).ToDictionary(r => r.Config.Seed);
        int? At(ReadingPoint point, RunReader r) =>
            point.FindIn(small.TryGetValue(r.Config.Seed, out var s) ? s.AllRows : r.AllRows);
        return runs.Select(r => new InspectedRun(r.Dir, r.Config.Gamma, r.Config.Seed,
            At(ReadingPoint.Progress, r), At(ReadingPoint.Onset, r), Rows(r))).ToList();
    }

    private static RunReader Read(string dir)
    {
        var run = RunReader.Open(dir);
        var config = run.Config;
        if (!run.HasProbes)
            throw new ArgumentException($"{dir} has no {ProbeFile.File}: train it with probes (initbias run …)");
        var probes = run.AllProbes;
        if (probes.Count == 0 || probes[0].Step != 0 || probes.Any(l => l.Mechanism is null))
            throw new ArgumentException($"{dir}: {ProbeFile.File} has no mechanism probe from step 0 " +
                                        $"(experiment {config.Experiment}; inspect reads transformer runs)");
        return run;
    }

    private static IReadOnlyList<MechanismRow> Rows(RunReader run)
    {
        var task = run.Config.Task;
        var anchors = task.Anchors();
        var w0 = run.AllProbes[0].Mechanism!.Embeddings!;
        var theory = Eq14Draws.TheoryProfile(Eq14Draws.Reasoning(run.Config, run.Config.Seed),
            task.ReasoningAnchors());
        var accuracy = run.AllRows.ToDictionary(r => r.Step, r => r.Accuracy(EvalGroup.RsnTrain));
        return run.AllProbes.Select(line =>
        {
            var m = line.Mechanism!;
            var w = m.Embeddings!;
            var learned = MechanismStatistics.Learned(w, w0);
            var cos = TokenCosines.OfInputRows(w, anchors);
            var learnedCos = TokenCosines.OfInputRows(learned, anchors);
            var trained = Eq14Draws.Profile(cos, task.ReasoningAnchors());
            return new MechanismRow(line.Step, accuracy.GetValueOrDefault(line.Step, double.NaN),
                cos.Rho(task), cos.MemoryMinusReasoning(task),
                line.Step == 0 ? double.NaN : learnedCos.MemoryMinusReasoning(task),
                MechanismStatistics.KeyPcaOrder(w, task), MechanismStatistics.WvRatio(m),
                MechanismStatistics.U1Gap(m.U1AbsCosAnchors!, task), m.KeyProbeLayer2,
                MechanismStatistics.Eq14MaxDifference(theory, trained), MechanismStatistics.Eq14Shape(trained, task),
                MechanismStatistics.Erank(w), line.Step == 0 ? double.NaN : MechanismStatistics.Erank(learned),
                m.KeyProbeAttnOut, m.ControlProbeAttnOut,
                line.Step == 0 ? double.NaN : MechanismStatistics.MeanAbsCos(learned));
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
            ["evaluations"] = JsonSerializer.SerializeToNode(r.Rows, Json.SnakeCase),
        }).ToArray()),
    };
}
