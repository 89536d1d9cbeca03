using System.Text.Json.Nodes;
using InitBias.Claims.Grids;
using static InitBias.Claims.Grids.TransformerGrid;

namespace InitBias.Claims;

/// <summary>C15, App. D: the second attention layer carries the key z_p to the last position.</summary>
public sealed class C15_SecondLayerFindsTheKey : Claim
{
    public override string Figure => "App. D (no figure in the main text)";
    public override string Statement =>
        "The second attention layer carries the key z_p to the last position, for memory and reasoning sequences " +
        "alike.";
    public override ExpectedStatus Expected => ExpectedStatus.NotReproduced;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = TransformerGrid.Get(ctx);
        double threshold = 2.0 / ctx.TaskOf("transformer").SeqLen; // twice the uniform weight
        var keyMemory = SeedSeries.Of(grid.Seeds, s => LastProbe(grid, Small, s).Attn2KeyMem!.Value);
        var keyReasoning = SeedSeries.Of(grid.Seeds, s => LastProbe(grid, Small, s).Attn2KeyRsn!.Value);
        ClaimCheck[] checks =
        [
            keyMemory.Above(threshold).SignCheck("key_attended_in_memory_sequences",
                $"mean layer-2 attention of the last position on the key position - 2/L " +
                $"({threshold:0.###}) > 0, memory " +
                "sequences, γ 0.8, last step"),
            keyReasoning.Above(threshold).SignCheck("key_attended_in_reasoning_sequences",
                "the same for reasoning-train sequences"),
        ];
        // Diagnostic (not in the rule): the weight on the two anchor positions p + 1, p + 2.
        return Result(ctx, checks, new JsonObject
        {
            ["key_mem"] = keyMemory.ToJson(),
            ["key_rsn"] = keyReasoning.ToJson(),
            ["diagnostic_anchors_mem"] =
                SeedSeries.Of(grid.Seeds, s => LastProbe(grid, Small, s).Attn2AnchorsMem!.Value).ToJson(),
            ["diagnostic_anchors_rsn"] =
                SeedSeries.Of(grid.Seeds, s => LastProbe(grid, Small, s).Attn2AnchorsRsn!.Value).ToJson(),
        });
    }
}
