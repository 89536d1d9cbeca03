using System.Text.Json.Nodes;

namespace InitBias.Claims;

public sealed class C11_EmbMlpFailsWithNoise : Claim
{
    public override string Id => "C11";
    public override string Name => nameof(C11_EmbMlpFailsWithNoise);
    public override string Figure => "§3.2 text (no figure)";
    public override string Statement => "With noise tokens (L = 9) the Emb-MLP cannot pick out the key and anchors and does not work well; the transformer does.";
    public override bool ExpectedReproduced => true;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var transformer = TransformerGrid.Get(ctx);
        var mlp = GridRun.Get(ctx, "emb-mlp-noisy", [0.8]);
        // Same seed = same data: the two experiments share the task config, hence the data stream.
        var acc = transformer.PerSeed(0.8, m => m[^1]["acc_rsn_train"]);
        var accMlp = mlp.PerSeed(0.8, m => m[^1]["acc_rsn_train"]);
        var loss = transformer.PerSeed(0.8, m => m[^1]["loss_rsn_train"]);
        var lossMlp = mlp.PerSeed(0.8, m => m[^1]["loss_rsn_train"]);
        var checks = new List<ClaimCheck>
        {
            SignCheck("transformer_more_accurate", "acc_rsn_train(transformer) - acc_rsn_train(Emb-MLP) > 0 at the last evaluation, γ 0.8, paired by seed", acc.ToDictionary(kv => kv.Key, kv => kv.Value - accMlp[kv.Key])),
            SignCheck("transformer_lower_loss", "loss_rsn_train(Emb-MLP) - loss_rsn_train(transformer) > 0, same step", loss.ToDictionary(kv => kv.Key, kv => lossMlp[kv.Key] - kv.Value)),
        };
        return Result(ctx, checks, new JsonObject { ["emb_mlp_noisy"] = GridMetrics(mlp, [0.8]) });
    }
}
