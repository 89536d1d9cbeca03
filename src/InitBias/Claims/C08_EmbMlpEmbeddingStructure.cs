using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>
/// C8, Fig. 4A: Emb-MLP reasoning anchors are ordered by value, memory anchors alike, early and late.
/// </summary>
public sealed class C08_EmbMlpEmbeddingStructure : Claim
{
    public override string Figure => "Fig. 4A";
    public override string Statement =>
        "At γ = 0.8, early and late in training, reasoning-anchor embeddings are ordered (cosine falls with " +
        "|s_i - s_j|) and memory anchors are more alike than reasoning anchors.";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: Reproduced, Paper: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.EmbMlp];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.EmbMlp);
        var task = grid.Config.Task;
        var (early, late) = ClaimGrids.EmbMlpCheckpoints(grid.Config, ctx.Profile);
        var checks = new List<ClaimCheck>();
        var metrics = new JsonObject();
        foreach (var (label, step) in new[] { ("early", early), ("late", late) })
        {
            var cos = grid.Seeds.ToDictionary(s => s, s => grid.AnchorCos(SmallInit, s, step));
            var rho = grid.PerSeed(s => cos[s].Rho(task));
            var memoryMinusReasoning = grid.PerSeed(s => cos[s].MemoryMinusReasoning(task));
            checks.Add(rho.Below(-0.5).SignCheck($"reasoning_anchors_ordered_{label}",
                $"-0.5 - Spearman(|s_i - s_j|, cos_ij) > 0 over reasoning pairs at step {step}, i.e. rho < -0.5"));
            checks.Add(memoryMinusReasoning.SignCheck($"memory_more_alike_than_reasoning_{label}",
                $"mean cos(memory pairs) - mean cos(reasoning pairs) > 0 at step {step}"));
            metrics[$"{label}_step"] = step;
            metrics[$"{label}_rho"] = rho.ToJson();
        }
        return Result(ctx, checks, metrics);
    }
}
