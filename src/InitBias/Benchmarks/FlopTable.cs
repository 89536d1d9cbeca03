using System.Globalization;
using System.Text;
using InitBias.Experiments;
using InitBias.Grids;

namespace InitBias.Benchmarks;

/// <summary>One claim grid's training work in a profile, and its minutes on one H100 at two utilisations.</summary>
public sealed record GridFlops(string Grid, int Members, int Steps, double Flop, double[] Minutes, double FloorMinutes);

/// <summary>
/// What the claim grids of a profile cost to train (FlopCount: matmul FLOPs of the training steps; evaluations,
/// about 4% more at the paper's intervals, and probes are not counted), and the minutes each takes on one H100 SXM at
/// 25% and 50% of its dense fp32 (67 TFLOP/s) and bf16 (989 TFLOP/s) peaks. Small models do not reach those rates:
/// a step of a few small kernels is bound by launching them, so a floor of 2 ms per step (an assumption, not
/// measured: no GPU here) is listed beside them. docs/cuda.md's table is this table for paper; a test keeps the two
/// equal.
/// </summary>
public static class FlopTable
{
    public const double H100Fp32 = 67e12, H100Bf16 = 989e12, FloorSecondsPerStep = 0.002;
    public static readonly (string Name, double Rate)[] Rates =
    [
        ("fp32 25%", 0.25 * H100Fp32), ("fp32 50%", 0.5 * H100Fp32),
        ("bf16 25%", 0.25 * H100Bf16), ("bf16 50%", 0.5 * H100Bf16),
    ];

    public static IReadOnlyList<GridFlops> For(string profile) => ClaimGrids.All.Select(g =>
    {
        var c = ExperimentRegistry.Resolve(g.Experiment, profile);
        int members = g.Gammas.Count * Profiles.ClaimSeeds(profile).Length;
        double flop = FlopCount.TrainingStep(c, members) * c.Train.Steps;
        return new GridFlops(g.Folder, members, c.Train.Steps, flop,
            Rates.Select(r => flop / r.Rate / 60).ToArray(), c.Train.Steps * FloorSecondsPerStep / 60);
    }).ToList();

    public static string Markdown(string profile)
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = For(profile);
        var sb = new StringBuilder();
        static string M(double minutes) => minutes.ToString(minutes < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture);
        sb.Append("| grid | members | steps | FLOP | ");
        sb.AppendJoin(" | ", Rates.Select(r => $"min, {r.Name}")).Append(" | min, 2 ms/step floor |\n");
        sb.Append("|---|---|---|---|").Append(string.Concat(Rates.Select(_ => "---|"))).Append("---|\n");
        foreach (var r in rows)
            sb.Append($"| {r.Grid} | {r.Members} | {r.Steps.ToString("N0", inv)} | {r.Flop.ToString("0.0e0", inv)} | ")
                .AppendJoin(" | ", r.Minutes.Select(M)).Append($" | {M(r.FloorMinutes)} |\n");
        sb.Append($"| all | {rows.Sum(r => r.Members)} | | {rows.Sum(r => r.Flop).ToString("0.0e0", inv)} | ")
            .AppendJoin(" | ", Rates.Select((_, i) => M(rows.Sum(r => r.Minutes[i]))))
            .Append($" | {M(rows.Sum(r => r.FloorMinutes))} |\n");
        return sb.ToString();
    }
}
