namespace InitBias.Models.Blocks;

/// <summary>
/// The hook points of a model's input embeddings, as TransformerLens names them: hook_embed is the token embedding
/// W_E[ids], hook_pos_embed the position embedding. Their sum is not an embedding hook: it is what the first block
/// reads, blocks.0.hook_resid_pre.
/// </summary>
public static class EmbeddingHooks
{
    public static readonly HookPoint Embed = new("hook_embed");
    public static readonly HookPoint PosEmbed = new("hook_pos_embed");
}
