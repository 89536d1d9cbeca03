using InitBias.Figures;

namespace InitBias.Claims;

/// <summary>The transformer grid (γ 0.3 / 0.5 / 0.8 × 8 seeds) that C4-C6 read, and its Fig. 3A.</summary>
public static class TransformerGrid
{
    public static readonly double[] Gammas = [0.3, 0.5, 0.8];

    public static GridRun Get(ClaimContext ctx) => GridRun.Get(ctx, "transformer", Gammas,
        (dirs, members) =>
        {
            // Probes read weights only (no gradients, no random draws), so the metrics do not depend on them.
            var anchors = EmbeddingCheckpoints.Writer(dirs, new HashSet<int> { members[0].Train.Steps });
            var probe = TransformerProbe.Writer(dirs, members);
            return (step, model) => { anchors(step, model); probe(step, model); };
        },
        grid =>
        {
            string figures = Path.Combine(ctx.OutRoot, "figures");
            LossCurves.Write(grid, Path.Combine(figures, "fig3a_transformer_losses"), "Fig. 3A transformer");
            LossCurves.Write(grid, Path.Combine(figures, "fig3a_transformer_accuracy"), "Transformer accuracy", "acc");
            MechanismFigures.Write(ctx, grid, figures);
        });

    public static int LastStep(GridRun grid) => (int)grid.Final(Gammas[^1], grid.Seeds[0])["step"];
}

public sealed class C04_LargeInitMemorizes : Claim
{
    public override string Id => "C04";
    public override string Name => nameof(C04_LargeInitMemorizes);
    public override string Figure => "Fig. 3A (γ = 0.3)";
    public override string Statement => "At γ = 0.3 memory and reasoning-train losses fall at nearly the same rate while the held-out reasoning loss does not follow: the model memorises.";
    public override bool ExpectedReproduced => true;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = TransformerGrid.Get(ctx);
        const double g = 0.3;
        var checks = new List<ClaimCheck>
        {
            SignCheck("held_out_not_generalised", "(L_rsn_test - L_rsn_train) / L_rsn_train > 0 at the last evaluation",
                grid.PerSeed(g, m => (m[^1]["loss_rsn_test"] - m[^1]["loss_rsn_train"]) / m[^1]["loss_rsn_train"])),
        };
        var acc = grid.PerSeed(g, m => m[^1]["acc_rsn_test"]);
        double meanAcc = acc.Values.Average();
        checks.Add(new ClaimCheck("held_out_accuracy_near_zero", "mean final acc_rsn_test <= 0.05", meanAcc, meanAcc <= 0.05,
            acc.ToDictionary(kv => $"seed{kv.Key}", kv => kv.Value)));
        var gap = grid.PerSeed(g, m => DeltaL(m[^1], "rsn_train"));
        double meanGap = gap.Values.Average();
        checks.Add(new ClaimCheck("memory_and_reasoning_same_rate", "|mean ΔL_train| <= 0.1, ΔL_train = (L_mem - L_rsn_train) / L_rsn_train at the last evaluation",
            meanGap, Math.Abs(meanGap) <= 0.1, gap.ToDictionary(kv => $"seed{kv.Key}", kv => kv.Value)));
        return Result(ctx, checks, GridMetrics(grid, [g]));
    }
}

public sealed class C05_SmallInitLearnsReasoningFirst : Claim
{
    public override string Id => "C05";
    public override string Name => nameof(C05_SmallInitLearnsReasoningFirst);
    public override string Figure => "Fig. 3A (γ = 0.8)";
    public override string Statement => "At γ = 0.8 the reasoning-train and held-out reasoning losses fall faster than the memory loss, and held-out accuracy rises with training.";
    public override bool ExpectedReproduced => true;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = TransformerGrid.Get(ctx);
        const double g = 0.8;
        var checks = new List<ClaimCheck>
        {
            SignCheck("reasoning_train_ahead_of_memory", "ΔL_train = (L_mem - L_rsn_train) / L_rsn_train > 0 at the last evaluation",
                grid.PerSeed(g, m => DeltaL(m[^1], "rsn_train"))),
            SignCheck("held_out_reasoning_ahead_of_memory", "ΔL_test = (L_mem - L_rsn_test) / L_rsn_test > 0 at the last evaluation",
                grid.PerSeed(g, m => DeltaL(m[^1], "rsn_test"))),
            SignCheck("held_out_accuracy_rises", "acc_rsn_test(last) - acc_rsn_test(0) > 0",
                grid.PerSeed(g, m => m[^1]["acc_rsn_test"] - m[0]["acc_rsn_test"])),
        };
        return Result(ctx, checks, GridMetrics(grid, [g]));
    }
}

public sealed class C06_ReasoningBiasGrowsAsInitShrinks : Claim
{
    public override string Id => "C06";
    public override string Name => nameof(C06_ReasoningBiasGrowsAsInitShrinks);
    public override string Figure => "Fig. 3A (γ = 0.3, 0.5, 0.8)";
    public override string Statement => "The reasoning bias grows as the initialisation shrinks: γ = 0.3 < 0.5 < 0.8.";
    public override bool ExpectedReproduced => true;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = TransformerGrid.Get(ctx);
        Dictionary<long, double> Bias(double g) => grid.PerSeed(g, m => DeltaL(m[^1], "rsn_test"));
        var b3 = Bias(0.3); var b5 = Bias(0.5); var b8 = Bias(0.8);
        var checks = new List<ClaimCheck>
        {
            SignCheck("bias_0.8_above_0.5", "ΔL_test(γ 0.8) - ΔL_test(γ 0.5) > 0, paired by seed", b8.ToDictionary(kv => kv.Key, kv => kv.Value - b5[kv.Key])),
            SignCheck("bias_0.5_above_0.3", "ΔL_test(γ 0.5) - ΔL_test(γ 0.3) > 0, paired by seed", b5.ToDictionary(kv => kv.Key, kv => kv.Value - b3[kv.Key])),
        };
        return Result(ctx, checks, GridMetrics(grid, TransformerGrid.Gammas));
    }
}
