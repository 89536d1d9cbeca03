using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Reading;
using InitBias.Stats;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>C15, App. D: the second attention layer carries the key z_p to the last position.</summary>
public sealed class C15_SecondLayerFindsTheKey : Claim
{
    public override string Figure => "App. D (no figure in the main text)";
    public override string Statement =>
        "The second attention layer carries the key z_p to the last position, for memory and reasoning sequences " +
        "alike.";
    public override ExpectedStatus Expected => new(Ci: NotReproduced, Full: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer];
    public override string Premise => "the trained small-init model: γ 0.8 has learned the reasoning pairs " +
                                      "(acc_rsn_train ≥ 0.9) at the last step";
    /// <summary>v2 (after layer 2) and v3 (layer 2's attention output): the key is readable when the linear
    /// probe's held-out accuracy is above this.</summary>
    public const double ProbeAbove = 0.5;

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        int len = grid.Config.Task.SeqLen;
        double threshold = 2.0 / len; // twice the uniform weight
        SeedSeries Probe(Func<MechanismReadout, double?> f) =>
            grid.PerSeed(s => f(grid.LastMechanism(SmallInit, s))!.Value);
        var keyMemory = Probe(p => p.Attn2KeyMem);
        var keyReasoning = Probe(p => p.Attn2KeyRsn);
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
        double window = 3.0 / len;
        var layer2 = Probe(p => p.KeyProbeLayer2);
        var layer1 = Probe(p => p.KeyProbeLayer1);
        ClaimCheck[] v2 =
        [
            layer2.Above(ProbeAbove).SignCheck("key_readable_after_layer_2",
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
        // v3 (CLAIMS.md, "Rules v3"): the key read from the top layer's attention output at the last position,
        // before residual, LayerNorm and FFN (the whole layer output encodes the label), against a control probe.
        var attnOut = Probe(p => p.KeyProbeAttnOut);
        var control = Probe(p => p.ControlProbeAttnOut);
        ClaimCheck[] v3 =
        [
            attnOut.Above(ProbeAbove).SignCheck("v3_key_readable_from_layer_2_attention",
                "held-out accuracy of a linear probe reading z_p from layer 2's attention output at the last " +
                "position (2,000 inputs stratified over the anchor pairs, fitted on half) - 0.5 > 0, γ 0.8, " +
                "last step"),
            attnOut.Minus(control).SignCheck("v3_key_not_any_token",
                "that accuracy - the same probe's accuracy for the token at a random noise position > 0, paired"),
            v2[2], v2[3],
        ];
        var premise = grid.LearnedPremise(_ => grid.LastStep, "the last step");
        // Diagnostic of v1: the weight on the two anchor positions p + 1, p + 2.
        return Result(ctx, new JsonObject
        {
            ["v3_key_probe_attention_output"] = attnOut.ToJson(),
            ["v3_control_probe_attention_output"] = control.ToJson(),
            ["key_probe_layer1"] = layer1.ToJson(),
            ["key_probe_layer2"] = layer2.ToJson(),
            ["key_mem"] = keyMemory.ToJson(),
            ["key_rsn"] = keyReasoning.ToJson(),
            ["diagnostic_anchors_mem"] = Probe(p => p.Attn2AnchorsMem).ToJson(),
            ["diagnostic_anchors_rsn"] = Probe(p => p.Attn2AnchorsRsn).ToJson(),
        }, new RuleVersion("v1", checks), new RuleVersion("v2", v2), new RuleVersion("v3", v3, premise),
            V4.GatingAll(v3, premise));
    }
}
