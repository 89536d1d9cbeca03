namespace InitBias.Models.Blocks;

/// <summary>
/// The hook points of one block's attention, {prefix} = blocks.{i}.attn, named and ordered as TransformerLens's
/// attention: hook_q, hook_k, hook_v (the projections), hook_attn_scores (Q Kᵀ / √d_head after the causal mask,
/// before the softmax), hook_pattern (the softmax) and hook_z (the pattern-weighted values, before W^O). Shapes:
/// DecoderLayer (one head, no head axis) and Gpt2Block (heads).
/// </summary>
public sealed class AttentionHooks(string prefix)
{
    public HookPoint Q { get; } = new($"{prefix}.hook_q");
    public HookPoint K { get; } = new($"{prefix}.hook_k");
    public HookPoint V { get; } = new($"{prefix}.hook_v");
    public HookPoint AttnScores { get; } = new($"{prefix}.hook_attn_scores");
    public HookPoint Pattern { get; } = new($"{prefix}.hook_pattern");
    public HookPoint Z { get; } = new($"{prefix}.hook_z");

    public IEnumerable<HookPoint> All => [Q, K, V, AttnScores, Pattern, Z];
}
