namespace InitBias.Models.Blocks;

/// <summary>
/// The hook points of residual block i, blocks.{i}.*, declared once for both decoders and named as TransformerLens
/// names them (pre-LN: its TransformerBlock; post-LN: its BertBlock). Each block lists the ones it has, in forward
/// order (DecoderLayer.HookPoints, Gpt2Block.HookPoints):
///   hook_resid_pre              the block's input (block 0: token + position embedding)
///   ln1, ln2                    LayerNormHooks (pre-LN: before attention / MLP; post-LN: after each residual)
///   attn                        AttentionHooks
///   hook_attn_out               W^O of the attention's mixed values, before the residual
///   hook_resid_mid              the residual after the attention: resid_pre + attn_out
///   mlp                         MlpHooks
///   hook_mlp_out                the MLP's output, before the residual
///   hook_resid_post             the residual after the MLP (post-LN: before LN2)
///   hook_normalized_resid_post  post-LN only: LN2(resid_post), the block's output
/// </summary>
public sealed class BlockHooks
{
    public BlockHooks(int block)
    {
        string prefix = $"blocks.{block}";
        HookPoint Point(string name) => new($"{prefix}.{name}");
        ResidPre = Point("hook_resid_pre");
        Ln1 = new LayerNormHooks($"{prefix}.ln1");
        Attn = new AttentionHooks($"{prefix}.attn");
        AttnOut = Point("hook_attn_out");
        ResidMid = Point("hook_resid_mid");
        Ln2 = new LayerNormHooks($"{prefix}.ln2");
        Mlp = new MlpHooks($"{prefix}.mlp");
        MlpOut = Point("hook_mlp_out");
        ResidPost = Point("hook_resid_post");
        NormalizedResidPost = Point("hook_normalized_resid_post");
    }

    public HookPoint ResidPre { get; }
    public LayerNormHooks Ln1 { get; }
    public AttentionHooks Attn { get; }
    public HookPoint AttnOut { get; }
    public HookPoint ResidMid { get; }
    public LayerNormHooks Ln2 { get; }
    public MlpHooks Mlp { get; }
    public HookPoint MlpOut { get; }
    public HookPoint ResidPost { get; }
    public HookPoint NormalizedResidPost { get; }
}
