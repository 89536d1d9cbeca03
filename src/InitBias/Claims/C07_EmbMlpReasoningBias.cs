using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>C7, Fig. 3B: the Emb-MLP also learns reasoning first at γ 0.8, more so than at γ 0.3.</summary>
public sealed class C07_EmbMlpReasoningBias : Claim
{
    public override string Figure => "Fig. 3B";
    public override string Statement =>
        "The Emb-MLP on the noise-free task also shows a clear reasoning bias at γ = 0.8 compared with γ = 0.3.";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: Reproduced, Paper: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.EmbMlp];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.EmbMlp);
        SeedSeries Bias(double g) => grid.PerSeed(g, m => m[^1].DeltaL(EvalGroup.RsnTrain));
        ClaimCheck[] checks =
        [
            Bias(SmallInit).SignCheck("reasoning_ahead_at_0.8",
                "ΔL_train = (L_mem - L_rsn_train) / L_rsn_train > 0 at γ 0.8, last evaluation"),
            Bias(SmallInit).Minus(Bias(LargeInit)).SignCheck("bias_0.8_above_0.3",
                "ΔL_train(γ 0.8) - ΔL_train(γ 0.3) > 0, paired by seed"),
        ];
        return Result(ctx, checks, grid.SnapshotMetrics(grid.Gammas));
    }
}
