using InitBias.Models.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// One post-LN decoder layer of the synthetic transformer with a single causal attention head:
/// h = LN1(x + Attn(x) W^O), y = LN2(h + MLP(h)). Hook points (blocks.{i}, BlockHooks), in forward order:
///   hook_resid_pre [E, B, L, D]; attn.hook_q, hook_k, hook_v [E, B, L, d_k] (one head: no head axis);
///   attn.hook_attn_scores, hook_pattern [E, B, L, L]; attn.hook_z [E, B, L', d_k]; hook_attn_out, hook_resid_mid,
///   ln1.hook_normalized [E, B, L', D]; mlp.hook_pre, hook_post [E, B, L', d_ff]; hook_mlp_out, hook_resid_post,
///   ln2.hook_normalized, hook_normalized_resid_post (the layer's output) [E, B, L', D].
/// Without LayerNorm (ModelConfig.LayerNorm false) the ln hooks are absent and hook_normalized_resid_post equals
/// hook_resid_post. L' = L, except in ForwardLast (the top layer of a last-token model), where L' = 1.
/// </summary>
public sealed class DecoderLayer : nn.Module<Tensor, Tensor>, IPlanned
{
    private readonly StackedLinear wq, wk, wv, wo, ffn1, ffn2;
    private readonly StackedLayerNorm? ln1, ln2; // null without LayerNorm (ModelConfig.LayerNorm)
    private readonly double _scale;
    private readonly Mlp mlp;

    public DecoderLayer(int index, int members, ModelConfig c) : base($"layer{index}")
    {
        wq = new StackedLinear("wq", members, c.DModel, c.DK, false);
        wk = new StackedLinear("wk", members, c.DModel, c.DK, false);
        wv = new StackedLinear("wv", members, c.DModel, c.DK, false);
        wo = new StackedLinear("wo", members, c.DK, c.DModel, false);
        ffn1 = new StackedLinear("ffn1", members, c.DModel, c.DFF, false);
        ffn2 = new StackedLinear("ffn2", members, c.DFF, c.DModel, false);
        if (c.LayerNorm)
        {
            ln1 = new StackedLayerNorm("ln1", members, c.DModel);
            ln2 = new StackedLayerNorm("ln2", members, c.DModel);
        }
        _scale = 1.0 / Math.Sqrt(c.DK);
        Hooks = new BlockHooks(index);
        mlp = new Mlp(ffn1, ffn2, t => nn.functional.relu(t), Hooks.Mlp);
        RegisterComponents();
    }

    public BlockHooks Hooks { get; }

    public IEnumerable<HookPoint> HookPoints =>
    [
        Hooks.ResidPre, .. Hooks.Attn.All, Hooks.AttnOut, Hooks.ResidMid, .. IfNormed(ln1, Hooks.Ln1),
        .. mlp.Hooks.All, Hooks.MlpOut, Hooks.ResidPost, .. IfNormed(ln2, Hooks.Ln2), Hooks.NormalizedResidPost,
    ];

    private static IEnumerable<HookPoint> IfNormed(StackedLayerNorm? ln, LayerNormHooks hooks) =>
        ln is null ? [] : [hooks.Normalized];

    public StackedLinear ValueProjection => wv;
    public StackedLinear QueryProjection => wq;
    public StackedLinear KeyProjection => wk;
    public StackedLinear OutputProjection => wo;
    public StackedLinear FfnIn => ffn1;
    public StackedLinear FfnOut => ffn2;

    public override Tensor forward(Tensor x) => throw new NotSupportedException("use Forward(x, causalMask)");

    /// <summary>x: [E, B, L, D]; causalMask: [L, L], true above the diagonal → [E, B, L, D].</summary>
    public Tensor Forward(Tensor x, Tensor causalMask, ActivationCache? cache = null)
    {
        cache?.Keep(Hooks.ResidPre, x);
        using var pattern = AttentionPattern(x, causalMask, cache); // [E, B, L, L]
        using var v = wv.forward(x); // [E, B, L, d_k]
        cache?.Keep(Hooks.Attn.V, v);
        using var z = MatmulPrecision.Matmul(pattern, v); // [E, B, L, d_k]
        cache?.Keep(Hooks.Attn.Z, z);
        return AfterAttention(x, z, cache);
    }

    /// <summary>
    /// Forward's last row only: x [E, B, L, D] → [E, B, D]. The query is the last position's, which sees every
    /// position, so no mask is needed; the FFN and both LayerNorms run on one position instead of L. It keeps no
    /// hook_q, hook_k, hook_attn_scores or hook_pattern (those of its one query row would not be the layer's): the
    /// model computes them for every position with AttentionPattern when asked.
    /// </summary>
    public Tensor ForwardLast(Tensor x, ActivationCache? cache = null)
    {
        cache?.Keep(Hooks.ResidPre, x);
        long len = x.shape[^2];
        using var xl = x.narrow(-2, len - 1, 1); // [E, B, 1, D]
        using var q = wq.forward(xl);            // [E, B, 1, d_k]
        using var k = wk.forward(x);             // [E, B, L, d_k]
        using var scores = CausalAttention.Scores(q, k, _scale); // [E, B, 1, L]
        using var pattern = nn.functional.softmax(scores, -1);
        using var v = wv.forward(x); // [E, B, L, d_k]
        cache?.Keep(Hooks.Attn.V, v);
        using var z = MatmulPrecision.Matmul(pattern, v); // [E, B, 1, d_k]
        cache?.Keep(Hooks.Attn.Z, z);
        using var y = AfterAttention(xl, z, cache);
        return y.squeeze(-2);
    }

    /// <summary>From the attention's mixed values z to the output: W^O, residual, LN, MLP, residual, LN.</summary>
    private Tensor AfterAttention(Tensor x, Tensor z, ActivationCache? cache)
    {
        using var attnOut = wo.forward(z); // [E, B, L', D]
        cache?.Keep(Hooks.AttnOut, attnOut);
        using var residMid = x + attnOut;
        cache?.Keep(Hooks.ResidMid, residMid);
        using var h = Norm(ln1, Hooks.Ln1, residMid, cache);
        using var mlpOut = mlp.Forward(h, cache);
        cache?.Keep(Hooks.MlpOut, mlpOut);
        using var residPost = h + mlpOut;
        cache?.Keep(Hooks.ResidPost, residPost);
        var y = Norm(ln2, Hooks.Ln2, residPost, cache);
        cache?.Keep(Hooks.NormalizedResidPost, y);
        return y;
    }

    /// <summary>LayerNorm, or a new handle to x itself when the model has none.</summary>
    private static Tensor Norm(StackedLayerNorm? ln, LayerNormHooks hooks, Tensor x, ActivationCache? cache)
    {
        if (ln is null) return x.alias();
        var normalized = ln.forward(x);
        cache?.Keep(hooks.Normalized, normalized);
        return normalized;
    }

    /// <summary>
    /// Softmax(mask(Q Kᵀ / √d_k)) as [E, B, L, L], masked entries −1e9 (as the parity reference); hand-written
    /// because it beat SDPA at L = 9. Keeps hook_q, hook_k, hook_attn_scores and hook_pattern.
    /// </summary>
    public Tensor AttentionPattern(Tensor x, Tensor causalMask, ActivationCache? cache = null)
    {
        using var q = wq.forward(x); // [E, B, L, d_k]
        cache?.Keep(Hooks.Attn.Q, q);
        using var k = wk.forward(x); // [E, B, L, d_k]
        cache?.Keep(Hooks.Attn.K, k);
        using var scores = CausalAttention.Scores(q, k, _scale); // [E, B, L, L]
        using var masked = scores.masked_fill(causalMask, -1e9);
        cache?.Keep(Hooks.Attn.AttnScores, masked);
        var pattern = nn.functional.softmax(masked, -1);
        cache?.Keep(Hooks.Attn.Pattern, pattern);
        return pattern;
    }

    public IEnumerable<PlannedParam> InitPlan(string prefix) =>
        wq.InitPlan($"{prefix}.wq").Concat(wk.InitPlan($"{prefix}.wk")).Concat(wv.InitPlan($"{prefix}.wv"))
            .Concat(wo.InitPlan($"{prefix}.wo")).Concat(ln1?.InitPlan($"{prefix}.ln1") ?? [])
            .Concat(ffn1.InitPlan($"{prefix}.ffn1")).Concat(ffn2.InitPlan($"{prefix}.ffn2"))
            .Concat(ln2?.InitPlan($"{prefix}.ln2") ?? []);
}
