using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>C5, Fig. 3A at γ 0.8: both reasoning losses fall faster than memory; held-out accuracy rises.</summary>
public sealed class C05_SmallInitLearnsReasoningFirst : Claim
{
    public override string Figure => "Fig. 3A (γ = 0.8)";
    public override string Statement =>
        "At γ = 0.8 the reasoning-train and held-out reasoning losses fall faster than the memory loss, and " +
        "held-out accuracy rises with training.";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: Reproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        ClaimCheck[] checks =
        [
            grid.PerSeed(SmallInit, m => m[^1].DeltaL(EvalGroup.RsnTrain)).SignCheck(
                "reasoning_train_ahead_of_memory",
                "ΔL_train = (L_mem - L_rsn_train) / L_rsn_train > 0 at the last evaluation"),
            grid.PerSeed(SmallInit, m => m[^1].DeltaL(EvalGroup.RsnTest)).SignCheck(
                "held_out_reasoning_ahead_of_memory",
                "ΔL_test = (L_mem - L_rsn_test) / L_rsn_test > 0 at the last evaluation"),
            grid.PerSeed(SmallInit, m => m[^1].Accuracy(EvalGroup.RsnTest) - m[0].Accuracy(EvalGroup.RsnTest))
                .SignCheck("held_out_accuracy_rises", "acc_rsn_test(last) - acc_rsn_test(0) > 0"),
        ];
        return Result(ctx, checks, grid.SnapshotMetrics([SmallInit]));
    }
}
