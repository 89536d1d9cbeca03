using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// The synthetic-task Transformer of spec §4.3: token + learned position embeddings, post-LN layers
/// (X = LN(X + Attn(X) V W^O); X = LN(FFN(X) + X)), one head, bias-free attention and ReLU FFN, a biased head read
/// at the last position. There is no padding in the task, so only the causal mask is applied.
/// Hook points (RunWithCache), layer i = 0, 1, …:
///   hook_embed                    [E, B, L, D]   token + position embedding
///   blocks.{i}.attn.hook_pattern  [E, B, L, L]   attention weights A
///   blocks.{i}.hook_attn_out      [E, B, L', D]  A V W^O, before the residual and LayerNorm
///   blocks.{i}.hook_resid_post    [E, B, L', D]  the layer's output
/// L' = L, except in the top layer of a last-token model, which computes only the last position (L' = 1), as in
/// training.
/// </summary>
public sealed class DecoderTransformer : nn.Module<Tensor, Tensor>, IEnsembleModel
{
    public readonly ModelConfig Config;
    private readonly StackedEmbedding tok_emb, pos_emb;
    private readonly ModuleList<DecoderLayer> layers;
    private readonly StackedLinear head;

    public DecoderTransformer(ModelConfig config, int members = 1) : base("transformer")
    {
        Config = config;
        Members = members;
        tok_emb = new StackedEmbedding("tok_emb", members, config.VocabSize, config.DModel);
        pos_emb = new StackedEmbedding("pos_emb", members, config.MaxPositions, config.DModel);
        layers = new ModuleList<DecoderLayer>(Enumerable.Range(0, config.Layers)
            .Select(i => new DecoderLayer($"layer{i}", members, config)).ToArray());
        head = new StackedLinear("head", members, config.DModel, config.VocabSize, hasBias: true);
        RegisterComponents();
        HookNames = ["hook_embed", .. Enumerable.Range(0, config.Layers).SelectMany(i => new[]
        {
            $"blocks.{i}.attn.hook_pattern", $"blocks.{i}.hook_attn_out", $"blocks.{i}.hook_resid_post",
        })];
    }

    public int Members { get; }
    public nn.Module Module => this;
    public IReadOnlyList<string> HookNames { get; }
    public IReadOnlyList<DecoderLayer> Layers => layers.ToList();

    /// <summary>W_E, W_pos, blocks.{i}.attn.W_Q / W_K / W_V / W_O, blocks.{i}.mlp.W_in / W_out, W_U, b_U.</summary>
    private IReadOnlyList<(string Name, Func<Tensor> Get)> WeightTable =>
    [
        ("W_E", () => tok_emb.Weight), ("W_pos", () => pos_emb.Weight),
        .. Enumerable.Range(0, layers.Count).SelectMany(i => new (string, Func<Tensor>)[]
        {
            ($"blocks.{i}.attn.W_Q", () => layers[i].QueryProjection.Weight),
            ($"blocks.{i}.attn.W_K", () => layers[i].KeyProjection.Weight),
            ($"blocks.{i}.attn.W_V", () => layers[i].ValueProjection.Weight),
            ($"blocks.{i}.attn.W_O", () => layers[i].OutputProjection.Weight),
            ($"blocks.{i}.mlp.W_in", () => layers[i].FfnIn.Weight),
            ($"blocks.{i}.mlp.W_out", () => layers[i].FfnOut.Weight),
        }),
        ("W_U", () => head.Weight), ("b_U", () => head.Bias!),
    ];

    public IReadOnlyList<string> WeightNames => WeightTable.Select(w => w.Name).ToList();
    public Tensor Weight(string name) => NamedWeights.Find(WeightTable, name);

    public Tensor Forward(Tensor ids) => forward(ids);

    public override Tensor forward(Tensor ids) => Run(ids, null);

    public ActivationCache RunWithCache(Tensor ids, IEnumerable<string> hooks)
    {
        var cache = new ActivationCache(hooks, HookNames.ToHashSet());
        using var _ = no_grad();
        using var logits = Run(ids, cache);
        return cache;
    }

    private Tensor Run(Tensor ids, ActivationCache? cache)
    {
        long len = ids.shape[^1];
        if (len > Config.MaxPositions)
            throw new ArgumentException($"sequence length {len} exceeds maxPositions {Config.MaxPositions}");
        using var positions = arange(len, dtype: ScalarType.Int64, device: ids.device).expand(Members, len);
        using var pos = pos_emb.forward(positions).unsqueeze(1); // [E, 1, L, D]
        var x = tok_emb.forward(ids).add_(pos);
        cache?.Keep("hook_embed", x);
        using var causal = ones(len, len, dtype: ScalarType.Bool, device: ids.device).triu_(1);
        for (int i = 0; i < layers.Count - 1; i++)
        {
            var next = layers[i].Forward(x, causal, cache, $"blocks.{i}");
            x.Dispose();
            x = next;
        }
        var top = layers[^1];
        string hook = $"blocks.{layers.Count - 1}";
        if (Config.LogitsAtEveryPosition)
        {
            using var all = top.Forward(x, causal, cache, hook); // [E, B, L, D]
            x.Dispose();
            return head.forward(all);
        }
        // The loss reads only the last position, so the top layer computes only that row (keys and values still
        // come from every position): a third fewer FLOPs per step at ci size, the same function. Its full attention
        // pattern is computed only when a probe asks for it.
        if (cache?.Wants($"{hook}.attn.hook_pattern") == true)
        {
            using var pattern = top.AttentionWeights(x, causal);
            cache.Keep($"{hook}.attn.hook_pattern", pattern);
        }
        using var last = top.ForwardLast(x, cache, hook); // [E, B, D]
        x.Dispose();
        return head.forward(last);
    }

    public IReadOnlyList<PlannedParam> InitPlan()
    {
        var plan = new List<PlannedParam>();
        plan.AddRange(tok_emb.InitPlan("tok_emb"));
        plan.AddRange(pos_emb.InitPlan("pos_emb"));
        for (int i = 0; i < layers.Count; i++) plan.AddRange(layers[i].InitPlan($"layers.{i}"));
        plan.AddRange(head.InitPlan("head"));
        return plan;
    }
}

/// <summary>One post-LN decoder layer with a single causal attention head.</summary>
public sealed class DecoderLayer : nn.Module<Tensor, Tensor>, IPlanned
{
    private readonly StackedLinear wq, wk, wv, wo, ffn1, ffn2;
    private readonly StackedLayerNorm? ln1, ln2; // null without LayerNorm (ModelConfig.LayerNorm)
    private readonly double _scale;

    public DecoderLayer(string name, int members, ModelConfig c) : base(name)
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
        RegisterComponents();
    }

    public StackedLinear ValueProjection => wv;
    public StackedLinear QueryProjection => wq;
    public StackedLinear KeyProjection => wk;
    public StackedLinear OutputProjection => wo;
    public StackedLinear FfnIn => ffn1;
    public StackedLinear FfnOut => ffn2;

    public override Tensor forward(Tensor x) => throw new NotSupportedException("use Forward(x, causalMask)");

    /// <summary>x: [E, B, L, D]; causalMask: [L, L], true above the diagonal. Hooks under the prefix.</summary>
    public Tensor Forward(Tensor x, Tensor causalMask, ActivationCache? cache = null, string hook = "")
    {
        using var attn = AttentionWeights(x, causalMask);
        cache?.Keep($"{hook}.attn.hook_pattern", attn);
        using var v = wv.forward(x);
        using var mixed = MatmulPrecision.Matmul(attn, v);
        return AfterAttention(x, mixed, cache, hook);
    }

    /// <summary>
    /// Forward's last row only: x [E, B, L, D] → [E, B, D]. The query is the last position's, which sees every
    /// position, so no mask is needed; the FFN and both LayerNorms run on one position instead of L.
    /// </summary>
    public Tensor ForwardLast(Tensor x, ActivationCache? cache = null, string hook = "")
    {
        long len = x.shape[^2];
        using var xl = x.narrow(-2, len - 1, 1); // [E, B, 1, D]
        using var q = wq.forward(xl);            // [E, B, 1, d_k]
        using var k = wk.forward(x);             // [E, B, L, d_k]
        using var kt = k.transpose(-1, -2);
        using var scores = MatmulPrecision.Matmul(q, kt).mul_(_scale); // [E, B, 1, L]
        using var attn = nn.functional.softmax(scores, -1);
        using var v = wv.forward(x);
        using var mixed = MatmulPrecision.Matmul(attn, v); // [E, B, 1, d_k]
        using var y = AfterAttention(xl, mixed, cache, hook);
        return y.squeeze(-2);
    }

    /// <summary>From the attention's mixed values to the layer output: W^O, residual, LN, FFN, residual, LN.</summary>
    private Tensor AfterAttention(Tensor x, Tensor mixed, ActivationCache? cache, string hook)
    {
        using var o = wo.forward(mixed);
        cache?.Keep($"{hook}.hook_attn_out", o);
        using var res1 = x + o;
        using var h = Norm(ln1, res1);
        using var f1 = ffn1.forward(h);
        using var act = nn.functional.relu(f1);
        using var f2 = ffn2.forward(act);
        using var res2 = h + f2;
        var y = Norm(ln2, res2);
        cache?.Keep($"{hook}.hook_resid_post", y);
        return y;
    }

    /// <summary>LayerNorm, or a new handle to x itself when the model has none.</summary>
    private static Tensor Norm(StackedLayerNorm? ln, Tensor x) => ln is null ? x.alias() : ln.forward(x);

    /// <summary>Softmax(mask(Q Kᵀ / √d_k)) as [E, B, L, L]; hand-written because it beat SDPA at L = 9.</summary>
    public Tensor AttentionWeights(Tensor x, Tensor causalMask)
    {
        using var q = wq.forward(x);
        using var k = wk.forward(x);
        using var kt = k.transpose(-1, -2);
        using var scores = MatmulPrecision.Matmul(q, kt).mul_(_scale);
        using var masked = scores.masked_fill(causalMask, -1e9);
        return nn.functional.softmax(masked, -1);
    }

    public IEnumerable<PlannedParam> InitPlan(string prefix) =>
        wq.InitPlan($"{prefix}.wq").Concat(wk.InitPlan($"{prefix}.wk")).Concat(wv.InitPlan($"{prefix}.wv"))
            .Concat(wo.InitPlan($"{prefix}.wo")).Concat(ln1?.InitPlan($"{prefix}.ln1") ?? [])
            .Concat(ffn1.InitPlan($"{prefix}.ffn1")).Concat(ffn2.InitPlan($"{prefix}.ffn2"))
            .Concat(ln2?.InitPlan($"{prefix}.ln2") ?? []);
}
