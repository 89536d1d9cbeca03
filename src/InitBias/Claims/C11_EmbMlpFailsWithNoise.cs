using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>
/// C11, §3.2: with noise tokens the Emb-MLP cannot pick out the key and anchors; the transformer can.
/// </summary>
public sealed class C11_EmbMlpFailsWithNoise : Claim
{
    public override string Figure => "§3.2 text (no figure)";
    public override string Statement =>
        "With noise tokens (L = 9) the Emb-MLP cannot pick out the key and anchors and does not work well; the " +
        "transformer does.";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: Reproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer, ClaimGrids.NoisyEmbMlp];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var transformer = ctx.Read(ClaimGrids.Transformer);
        var mlp = ctx.Read(ClaimGrids.NoisyEmbMlp);
        SeedSeries Accuracy(GridReader grid) => grid.PerSeed(SmallInit, m => m[^1].Accuracy(EvalGroup.RsnTrain));
        SeedSeries Loss(GridReader grid) => grid.PerSeed(SmallInit, m => m[^1].Loss(EvalGroup.RsnTrain));
        ClaimCheck[] checks =
        [
            Accuracy(transformer).Minus(Accuracy(mlp)).SignCheck("transformer_more_accurate",
                "acc_rsn_train(transformer) - acc_rsn_train(Emb-MLP) > 0 at the last evaluation, " +
                "γ 0.8, paired by seed"),
            Loss(mlp).Minus(Loss(transformer)).SignCheck("transformer_lower_loss",
                "loss_rsn_train(Emb-MLP) - loss_rsn_train(transformer) > 0, same step"),
        ];
        return Result(ctx, checks, new JsonObject { ["emb_mlp_noisy"] = mlp.SnapshotMetrics([SmallInit]) });
    }
}
