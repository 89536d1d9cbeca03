namespace InitBias.Models.Blocks;

/// <summary>
/// The hook point of one LayerNorm, {prefix}.hook_normalized: its output, weight and bias applied, as in
/// TransformerLens (whose hook_scale this model has not: the fused layer_norm kernel does not expose it).
/// </summary>
public sealed class LayerNormHooks(string prefix)
{
    public HookPoint Normalized { get; } = new($"{prefix}.hook_normalized");
}
