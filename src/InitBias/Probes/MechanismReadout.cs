namespace InitBias.Probes;

/// <summary>
/// What the transformer's mechanism probe read at one evaluation: what needs the model (both layers' attention on
/// fixed probe inputs, W^V's spectrum and its alignment, the linear key probes) and the input-token embedding rows.
/// Every statistic of the rows (cosines, effective rank, mean cosine, w − w0) is computed at read time
/// (Reading.MechanismStatistics, docs/reading.md). Every field at every evaluation (U1AbsCosAnchorUpdates from the
/// first evaluation after step 0).
/// </summary>
public sealed record MechanismReadout
{
    /// <summary>The embeddings' effective rank, which runs before issue 32 recorded: kept so their probe.jsonl still
    /// reads; never read (the same value is computed from Embeddings), never written.</summary>
    public double? EffectiveRank { get; init; }
    /// <summary>Their mean pairwise cosine, likewise recorded by older runs only and never read.</summary>
    public double? MeanCos { get; init; }
    /// <summary>Rows of the input tokens 1..KeyMax (row i is token i + 1), stored as float32 binary.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(Float32Rows))]
    public double[][]? Embeddings { get; init; }
    /// <summary>Lemma 1: max over inputs and j ≤ i of |A_ij − 1/i| in layer 1.</summary>
    public double? Attn1MaxDev { get; init; }
    public double[][]? Attn1Mean { get; init; }
    public double[]? WvSingularValues { get; init; }
    /// <summary>|cos(u1, w_s)| for the anchors 1..20, u1 the top left singular vector of layer 1's W^V.</summary>
    public double[]? U1AbsCosAnchors { get; init; }
    /// <summary>The same against what training added to the anchors, w(t) − w(0).</summary>
    public double[]? U1AbsCosAnchorUpdates { get; init; }
    /// <summary>
    /// Layer-2 attention of the last position on the key position (memory and reasoning-train inputs).
    /// </summary>
    public double? Attn2KeyMem { get; init; }
    public double? Attn2KeyRsn { get; init; }
    /// <summary>The same on the two anchor positions p + 1, p + 2, where layer 1 has mixed the key in.</summary>
    public double? Attn2AnchorsMem { get; init; }
    public double? Attn2AnchorsRsn { get; init; }
    /// <summary>
    /// C15 v2: held-out accuracy of a linear probe that reads the key z_p from the last position's hidden state after
    /// layer 1 and after layer 2 (LinearProbe; half the probe inputs fit it, the other half score it).
    /// </summary>
    public double? KeyProbeLayer1 { get; init; }
    public double? KeyProbeLayer2 { get; init; }
    /// <summary>
    /// C15 v3: held-out accuracy of a linear probe reading z_p from the top layer's attention output at the last
    /// position (blocks.1.hook_attn_out, before residual, LayerNorm and FFN), on 2,000 stratified inputs.
    /// </summary>
    public double? KeyProbeAttnOut { get; init; }
    /// <summary>The same probe's control: the token at a seeded random noise position of each input.</summary>
    public double? ControlProbeAttnOut { get; init; }
}
