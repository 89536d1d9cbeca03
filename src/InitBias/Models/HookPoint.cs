namespace InitBias.Models;

/// <summary>
/// A named point of a forward pass whose activation RunWithCache can record (TransformerLens's HookPoint). Each
/// module declares its own once (Blocks/: EmbeddingHooks, BlockHooks, AttentionHooks, MlpHooks, LayerNormHooks),
/// named as TransformerLens names them; the forward pass hands the declared point to the ActivationCache, and a model
/// lists its points in forward order (IEnsembleModel.HookNames).
/// </summary>
public sealed record HookPoint(string Name)
{
    public override string ToString() => Name;
}
