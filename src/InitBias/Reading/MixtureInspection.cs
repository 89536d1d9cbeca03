using System.Text.Json;
using System.Text.Json.Nodes;
using InitBias.Probes;
using static InitBias.Reading.MixtureReadings;

namespace InitBias.Reading;

/// <summary>One evaluation of a gpt2-mix run: the two corpora's losses, ΔL, and C3's token-set cosines.</summary>
public sealed record MixtureRow(int Step, double LossPq, double LossTs, double DeltaL, double? CosPq, double? CosTs);

/// <summary>An inspected gpt2-mix run: C2's ΔL at matched steps and progress, C3's early step, its rows.</summary>
public sealed record InspectedMixture(string Dir, double Gamma, long Seed, double MatchedSteps,
    double MatchedProgress, int EarlyStep, IReadOnlyList<MixtureRow> Rows);

/// <summary>
/// `initbias inspect` on gpt2-mix runs: the readings C1-C3 take (MixtureReadings), per run, and the token-set probe's
/// cosines at every evaluation, so a reader sees whether and when the PrOntoQA-only tokens separate. The readings
/// that average over evaluations use the regular schedule only, as the claims do (dense early evaluations would
/// weigh the start of training more); the rows show every evaluation.
/// </summary>
public static class MixtureInspection
{
    public static bool IsMixture(string dir) => RunReader.Open(dir).Experiment == "gpt2-mix";

    public static IReadOnlyList<InspectedMixture> Inspect(string path) =>
        RunReader.RunFolders(path).Select(dir =>
        {
            var run = RunReader.Open(dir);
            var m = run.Rows;
            var probes = run.HasProbes ? run.AllProbes.ToDictionary(l => l.Step, l => l.TokenSets) : [];
            var rows = run.AllRows.Select(r => new MixtureRow(r.Step, ProntoQaLoss(r), TinyStoriesLoss(r), DeltaL(r),
                probes.GetValueOrDefault(r.Step)?.CosPq, probes.GetValueOrDefault(r.Step)?.CosTs)).ToList();
            return new InspectedMixture(dir, run.Config.Gamma, run.Config.Seed, MatchedSteps(m), MatchedProgress(m),
                EarlyStep(m), rows);
        }).ToList();

    public static JsonObject ToJson(IReadOnlyList<InspectedMixture> runs) =>
        new() { ["runs"] = JsonSerializer.SerializeToNode(runs, Json.SnakeCase) };
}
