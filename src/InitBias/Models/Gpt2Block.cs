using InitBias.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// One pre-LN GPT-2 block: x + W^O·Attn(LN1 x), then x + W2·GELU(W1·LN2 x), H causal heads of d_h = D / H.
/// Hook points (blocks.{i}, BlockHooks), in forward order: hook_resid_pre, ln1.hook_normalized [E, B, T, D];
/// attn.hook_q, hook_k, hook_v [E, B, T, H, d_h]; attn.hook_attn_scores, hook_pattern [E, B, H, T, T]; attn.hook_z
/// [E, B, T, H, d_h]; hook_attn_out, hook_resid_mid, ln2.hook_normalized [E, B, T, D]; mlp.hook_pre, hook_post
/// [E, B, T, d_ff]; hook_mlp_out, hook_resid_post [E, B, T, D] (TransformerLens's layouts).
/// </summary>
public sealed class Gpt2Block : nn.Module<Tensor, Tensor>, IPlanned
{
    private readonly StackedLinear wq, wk, wv, wo, fc, proj;
    private readonly StackedLayerNorm ln1, ln2;
    private readonly int _heads, _headDim;
    private readonly Mlp mlp;

    public Gpt2Block(int index, int members, ModelConfig c) : base($"block{index}")
    {
        _heads = c.Heads;
        _headDim = c.DModel / c.Heads;
        wq = new StackedLinear("wq", members, c.DModel, c.DModel, true);
        wk = new StackedLinear("wk", members, c.DModel, c.DModel, true);
        wv = new StackedLinear("wv", members, c.DModel, c.DModel, true);
        wo = new StackedLinear("wo", members, c.DModel, c.DModel, true);
        fc = new StackedLinear("fc", members, c.DModel, c.DFF, true);
        proj = new StackedLinear("proj", members, c.DFF, c.DModel, true);
        ln1 = new StackedLayerNorm("ln1", members, c.DModel);
        ln2 = new StackedLayerNorm("ln2", members, c.DModel);
        Hooks = new BlockHooks(index);
        // GPT-2's activation is gelu_new, the tanh approximation (spec §4.4); the parity test found the erf form here.
        mlp = new Mlp(fc, proj, t => nn.functional.gelu(t, GELU.Approximate.tanh), Hooks.Mlp);
        RegisterComponents();
    }

    public BlockHooks Hooks { get; }

    public IEnumerable<HookPoint> HookPoints =>
    [
        Hooks.ResidPre, Hooks.Ln1.Normalized, .. Hooks.Attn.All, Hooks.AttnOut, Hooks.ResidMid, Hooks.Ln2.Normalized,
        .. mlp.Hooks.All, Hooks.MlpOut, Hooks.ResidPost,
    ];

    public override Tensor forward(Tensor x) => throw new NotSupportedException("use Forward(x, causalMask)");

    /// <summary>x: [E, B, T, D]; causalMask: [T, T], true above the diagonal → [E, B, T, D].</summary>
    public Tensor Forward(Tensor x, Tensor causalMask, ActivationCache? cache = null)
    {
        using var scope = NewDisposeScope();
        long e = x.shape[0], b = x.shape[1], t = x.shape[2], d = x.shape[3];
        cache?.Keep(Hooks.ResidPre, x);
        var h = ln1.forward(x);
        cache?.Keep(Hooks.Ln1.Normalized, h);
        // [E, B, T, D] → [E, B, T, H, d_h] (kept) → [E, B, H, T, d_h]
        Tensor Split(Tensor y, HookPoint hook)
        {
            var heads = y.reshape(e, b, t, _heads, _headDim);
            cache?.Keep(hook, heads);
            return heads.transpose(2, 3);
        }
        var q = Split(wq.forward(h), Hooks.Attn.Q);
        var k = Split(wk.forward(h), Hooks.Attn.K);
        var v = Split(wv.forward(h), Hooks.Attn.V);
        var scores = CausalAttention.Scores(q, k, 1.0 / Math.Sqrt(_headDim)) // [E, B, H, T, T]
            .masked_fill_(causalMask, double.NegativeInfinity);
        cache?.Keep(Hooks.Attn.AttnScores, scores);
        var pattern = nn.functional.softmax(scores, -1);
        cache?.Keep(Hooks.Attn.Pattern, pattern);
        var z = MatmulPrecision.Matmul(pattern, v).transpose(2, 3); // [E, B, T, H, d_h]
        cache?.Keep(Hooks.Attn.Z, z);
        var attnOut = wo.forward(z.reshape(e, b, t, d));
        cache?.Keep(Hooks.AttnOut, attnOut);
        var residMid = x + attnOut;
        cache?.Keep(Hooks.ResidMid, residMid);
        var h2 = ln2.forward(residMid);
        cache?.Keep(Hooks.Ln2.Normalized, h2);
        var mlpOut = mlp.Forward(h2, cache);
        cache?.Keep(Hooks.MlpOut, mlpOut);
        var y = residMid + mlpOut;
        cache?.Keep(Hooks.ResidPost, y);
        return y.MoveToOuterDisposeScope();
    }

    public IEnumerable<PlannedParam> InitPlan(string prefix) =>
        ln1.InitPlan($"{prefix}.ln1").Concat(wq.InitPlan($"{prefix}.wq")).Concat(wk.InitPlan($"{prefix}.wk"))
            .Concat(wv.InitPlan($"{prefix}.wv")).Concat(wo.InitPlan($"{prefix}.wo"))
            .Concat(ln2.InitPlan($"{prefix}.ln2"))
            .Concat(fc.InitPlan($"{prefix}.fc")).Concat(proj.InitPlan($"{prefix}.proj"));
}
