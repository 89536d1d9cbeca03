namespace InitBias.Models.Blocks;

/// <summary>
/// The hook points of an MLP, {prefix} = blocks.{i}.mlp (or mlp): hook_pre before the activation, hook_post after it,
/// as TransformerLens's MLP names them.
/// </summary>
public sealed class MlpHooks(string prefix)
{
    public HookPoint Pre { get; } = new($"{prefix}.hook_pre");
    public HookPoint Post { get; } = new($"{prefix}.hook_post");

    public IEnumerable<HookPoint> All => [Pre, Post];
}
