using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>C6, Fig. 3A: the reasoning bias grows as the initialisation shrinks, γ 0.3 &lt; 0.5 &lt; 0.8.</summary>
public sealed class C06_ReasoningBiasGrowsAsInitShrinks : Claim
{
    public override string Figure => "Fig. 3A (γ = 0.3, 0.5, 0.8)";
    public override string Statement => "The reasoning bias grows as the initialisation shrinks: γ = 0.3 < 0.5 < 0.8.";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: Reproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        SeedSeries Bias(double g) => grid.PerSeed(g, m => m[^1].DeltaL(EvalGroup.RsnTest));
        ClaimCheck[] checks =
        [
            Bias(SmallInit).Minus(Bias(MidInit)).SignCheck("bias_0.8_above_0.5",
                "ΔL_test(γ 0.8) - ΔL_test(γ 0.5) > 0, paired by seed"),
            Bias(MidInit).Minus(Bias(LargeInit)).SignCheck("bias_0.5_above_0.3",
                "ΔL_test(γ 0.5) - ΔL_test(γ 0.3) > 0, paired by seed"),
        ];
        // v3 (CLAIMS.md, "Rules v3"): a bias without a floor, read over the first half of training: the mean over the
        // regular evaluations in (0, T/2] of the held-out loss's relative drop minus the memory loss's.
        static double Drop(IReadOnlyList<MetricRow> m, MetricRow r, EvalGroup g) => 1 - r.Loss(g) / m[0].Loss(g);
        SeedSeries EarlyBias(double g) => grid.PerSeed(s =>
        {
            var m = grid.Rows(g, s);
            return m.Where(r => r.Step > 0 && r.Step <= m[^1].Step / 2.0)
                .Average(r => Drop(m, r, EvalGroup.RsnTest) - Drop(m, r, EvalGroup.Mem));
        });
        var early = grid.Gammas.ToDictionary(g => g, EarlyBias);
        ClaimCheck[] v3 =
        [
            early[SmallInit].Minus(early[MidInit]).SignCheck("v3_bias_0.8_above_0.5",
                "B(γ 0.8) − B(γ 0.5) > 0, paired by seed, B = mean over the evaluations of the first half of " +
                "training of [(1 − L_rsn_test(t)/L_rsn_test(0)) − (1 − L_mem(t)/L_mem(0))]"),
            early[MidInit].Minus(early[LargeInit]).SignCheck("v3_bias_0.5_above_0.3",
                "B(γ 0.5) − B(γ 0.3) > 0, paired by seed"),
        ];
        var metrics = grid.SnapshotMetrics(grid.Gammas);
        foreach (var g in grid.Gammas) metrics[$"v3_early_bias_{G(g)}"] = early[g].ToJson();
        // Diagnostic, deciding nothing (CLAIMS.md, "Rules v4", C6): B at matched progress, each run over its regular
        // evaluations up to its own progress point (acc_rsn_train ≥ 0.9; its last step if never), since a γ that
        // learns more slowly has dropped less of both losses by T/2 and so scores closer to 0 on B.
        foreach (var g in grid.Gammas)
            metrics[$"diagnostic_matched_progress_bias_{G(g)}"] = grid.PerSeed(s =>
            {
                var m = grid.Rows(g, s);
                int until = m.FirstOrDefault(r => r.Step > 0 && r.Accuracy(EvalGroup.RsnTrain) >= 0.9)?.Step
                            ?? m[^1].Step;
                return m.Where(r => r.Step > 0 && r.Step <= until)
                    .Average(r => Drop(m, r, EvalGroup.RsnTest) - Drop(m, r, EvalGroup.Mem));
            }).ToJson();
        return Result(ctx, metrics, new RuleVersion("v1", checks), new RuleVersion("v3", v3));
    }
}
