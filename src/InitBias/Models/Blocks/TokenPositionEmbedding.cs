using static TorchSharp.torch;

namespace InitBias.Models.Blocks;

/// <summary>
/// The decoders' input: W_E[ids] + W_pos[0..T), [E, B, T, D], which the first block reads as blocks.0.hook_resid_pre.
/// Hooks: hook_embed [E, B, T, D] (the token embedding), hook_pos_embed [E, B, T, D] (the position embedding,
/// broadcast over the batch). Not a module: it looks up the two tables its model registers (tok_emb, pos_emb), so
/// their parameter names stay the model's.
/// </summary>
public sealed class TokenPositionEmbedding(StackedEmbedding tokens, StackedEmbedding positions, int members,
    int maxPositions)
{
    public IEnumerable<HookPoint> HookPoints => [EmbeddingHooks.Embed, EmbeddingHooks.PosEmbed];

    /// <summary>ids: [E, B, T] (int64) → [E, B, T, D].</summary>
    public Tensor Forward(Tensor ids, ActivationCache? cache)
    {
        long len = ids.shape[^1];
        if (len > maxPositions)
            throw new ArgumentException($"sequence length {len} exceeds maxPositions {maxPositions}");
        using var index = arange(len, dtype: ScalarType.Int64, device: ids.device).expand(members, len); // [E, T]
        using var pos = positions.forward(index).unsqueeze(1); // [E, 1, T, D]
        var x = tokens.forward(ids); // [E, B, T, D]
        if (cache?.Wants(EmbeddingHooks.Embed) == true)
        {
            using var token = x.clone(); // x becomes the sum in place below
            cache.Keep(EmbeddingHooks.Embed, token);
        }
        if (cache?.Wants(EmbeddingHooks.PosEmbed) == true)
        {
            using var broadcast = pos.expand_as(x);
            cache.Keep(EmbeddingHooks.PosEmbed, broadcast);
        }
        return x.add_(pos);
    }
}
