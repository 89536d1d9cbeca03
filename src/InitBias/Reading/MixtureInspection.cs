using System.Text.Json;
using System.Text.Json.Nodes;
using InitBias.Probes;
using InitBias.Runs;
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
    public static bool IsMixture(string dir) =>
        RunFolder.ReadConfig(dir)?["config"]?["experiment"]?.GetValue<string>() == "gpt2-mix";

    public static IReadOnlyList<InspectedMixture> Inspect(string path) =>
        RunInspection.RunFolders(path).Select(dir =>
        {
            var config = RunFolder.ReadConfig(dir)!["config"]!;
            var run = config.Deserialize<Experiments.RunConfig>(Json.Options)!;
            var all = RunFolder.ReadMetrics(dir).Select(r => new MetricRow(r)).ToList();
            var m = all.Where(r => run.IsRegularEvaluation(r.Step)).ToList();
            var probes = File.Exists(Path.Combine(dir, ProbeFile.File))
                ? ProbeFile.Read(dir).ToDictionary(l => l.Step, l => l.TokenSets) : [];
            var rows = all.Select(r => new MixtureRow(r.Step, ProntoQaLoss(r), TinyStoriesLoss(r), DeltaL(r),
                probes.GetValueOrDefault(r.Step)?.CosPq, probes.GetValueOrDefault(r.Step)?.CosTs)).ToList();
            return new InspectedMixture(dir, config["gamma"]!.GetValue<double>(), config["seed"]!.GetValue<long>(),
                MatchedSteps(m), MatchedProgress(m), EarlyStep(m), rows);
        }).ToList();

    public static JsonObject ToJson(IReadOnlyList<InspectedMixture> runs) =>
        new() { ["runs"] = JsonSerializer.SerializeToNode(runs, Options) };

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
