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
    public override ExpectedStatus Expected => new(Ci: false, Full: false);

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
        // v2 (CLAIMS.md): the key is linearly readable at the last position after layer 2, more than after layer 1,
        // and layer 2 looks where the key is: on z_p or on the anchor positions into which layer 1 mixed it.
        int len = ctx.TaskOf("transformer").SeqLen;
        double window = 3.0 / len;
        SeedSeries Probe(Func<Probes.TransformerProbeLine, double?> f) =>
            SeedSeries.Of(grid.Seeds, s => f(LastProbe(grid, Small, s))!.Value);
        var layer2 = Probe(p => p.KeyProbeLayer2);
        var layer1 = Probe(p => p.KeyProbeLayer1);
        ClaimCheck[] v2 =
        [
            layer2.Above(0.5).SignCheck("key_readable_after_layer_2",
                "held-out accuracy of a linear probe reading z_p from the last position after layer 2 - 0.5 > 0, " +
                "γ 0.8, last step"),
            layer2.Minus(layer1).SignCheck("carried_there_by_layer_2",
                "probe accuracy after layer 2 - probe accuracy after layer 1 > 0, last position, paired by seed"),
            Probe(p => p.Attn2KeyMem + p.Attn2AnchorsMem).Above(window).SignCheck("layer_2_looks_where_the_key_is",
                $"layer-2 attention of the last position on positions p, p+1, p+2 - 3/L ({window:0.###}) > 0, " +
                "memory sequences"),
            Probe(p => p.Attn2KeyRsn + p.Attn2AnchorsRsn).Above(window).SignCheck(
                "layer_2_looks_where_the_key_is_reasoning", "the same for reasoning-train sequences"),
        ];
        // Diagnostic of v1: the weight on the two anchor positions p + 1, p + 2.
        return Result(ctx, checks, v2, new JsonObject
        {
            ["key_probe_layer1"] = layer1.ToJson(),
            ["key_probe_layer2"] = layer2.ToJson(),
            ["key_mem"] = keyMemory.ToJson(),
            ["key_rsn"] = keyReasoning.ToJson(),
            ["diagnostic_anchors_mem"] =
                SeedSeries.Of(grid.Seeds, s => LastProbe(grid, Small, s).Attn2AnchorsMem!.Value).ToJson(),
            ["diagnostic_anchors_rsn"] =
                SeedSeries.Of(grid.Seeds, s => LastProbe(grid, Small, s).Attn2AnchorsRsn!.Value).ToJson(),
        });
    }
}
