using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// A GPT-2-style decoder for the real-data experiment (spec §4.4): learned token and position embeddings, pre-LN
/// blocks (x + Attn(LN(x)), x + MLP(LN(x))) with multi-head causal attention and GELU (the tanh form, GPT-2's
/// gelu_new), biased linears, a final LN and an untied, bias-free output layer. Untied because the paper's rule initialises every weight matrix on its own
/// (N(0, d_in^-2γ)) and C3 reads the input embeddings, which a tied head would also shape through the output
/// gradient. Forward returns next-token logits at every position: [E, B, T, vocab].
/// Hook points (RunWithCache), block i = 0, 1, …: hook_embed [E, B, T, D]; blocks.{i}.attn.hook_pattern
/// [E, B, H, T, T]; blocks.{i}.hook_attn_out [E, B, T, D] (W^O of the heads' mixed values, before the residual);
/// blocks.{i}.hook_resid_post [E, B, T, D].
/// </summary>
public sealed class Gpt2Decoder : nn.Module<Tensor, Tensor>, IEnsembleModel
{
    public readonly ModelConfig Config;
    private readonly StackedEmbedding tok_emb, pos_emb;
    private readonly ModuleList<Gpt2Block> blocks;
    private readonly StackedLayerNorm ln_f;
    private readonly StackedLinear head;

    public Gpt2Decoder(ModelConfig config, int members = 1) : base("gpt2")
    {
        if (config.DModel % config.Heads != 0)
            throw new ArgumentException($"dModel {config.DModel} is not divisible by heads {config.Heads}");
        Config = config;
        Members = members;
        tok_emb = new StackedEmbedding("tok_emb", members, config.VocabSize, config.DModel);
        pos_emb = new StackedEmbedding("pos_emb", members, config.MaxPositions, config.DModel);
        blocks = new ModuleList<Gpt2Block>(
            Enumerable.Range(0, config.Layers).Select(i => new Gpt2Block($"block{i}", members, config)).ToArray());
        ln_f = new StackedLayerNorm("ln_f", members, config.DModel);
        head = new StackedLinear("head", members, config.DModel, config.VocabSize, hasBias: false);
        RegisterComponents();
        HookNames = ["hook_embed", .. Enumerable.Range(0, config.Layers).SelectMany(i => new[]
        {
            $"blocks.{i}.attn.hook_pattern", $"blocks.{i}.hook_attn_out", $"blocks.{i}.hook_resid_post",
        })];
    }

    public int Members { get; }
    public nn.Module Module => this;
    public IReadOnlyList<string> HookNames { get; }

    /// <summary>W_E, W_pos and W_U (the untied output layer).</summary>
    private IReadOnlyList<(string Name, Func<Tensor> Get)> WeightTable =>
        [("W_E", () => tok_emb.Weight), ("W_pos", () => pos_emb.Weight), ("W_U", () => head.Weight)];

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
        using var pos = pos_emb.forward(positions).unsqueeze(1);
        var x = tok_emb.forward(ids).add_(pos);
        cache?.Keep("hook_embed", x);
        using var causal = ones(len, len, dtype: ScalarType.Bool, device: ids.device).triu_(1);
        for (int i = 0; i < blocks.Count; i++)
        {
            var next = blocks[i].Forward(x, causal, cache, $"blocks.{i}");
            x.Dispose();
            x = next;
        }
        using var normed = ln_f.forward(x);
        x.Dispose();
        return head.forward(normed);
    }

    public IReadOnlyList<PlannedParam> InitPlan()
    {
        var plan = new List<PlannedParam>();
        plan.AddRange(tok_emb.InitPlan("tok_emb"));
        plan.AddRange(pos_emb.InitPlan("pos_emb"));
        for (int i = 0; i < blocks.Count; i++) plan.AddRange(blocks[i].InitPlan($"blocks.{i}"));
        plan.AddRange(ln_f.InitPlan("ln_f"));
        plan.AddRange(head.InitPlan("head"));
        return plan;
    }
}

/// <summary>One pre-LN GPT-2 block: x + Wo·Attn(LN1 x), then x + W2·GELU(W1·LN2 x).</summary>
public sealed class Gpt2Block : nn.Module<Tensor, Tensor>, IPlanned
{
    private readonly StackedLinear wq, wk, wv, wo, fc, proj;
    private readonly StackedLayerNorm ln1, ln2;
    private readonly int _heads, _headDim;

    public Gpt2Block(string name, int members, ModelConfig c) : base(name)
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
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => throw new NotSupportedException("use Forward(x, causalMask)");

    /// <summary>x: [E, B, T, D]; causalMask: [T, T], true above the diagonal. Hooks under the prefix.</summary>
    public Tensor Forward(Tensor x, Tensor causalMask, ActivationCache? cache = null, string hook = "")
    {
        using var scope = NewDisposeScope();
        long e = x.shape[0], b = x.shape[1], t = x.shape[2], d = x.shape[3];
        var h = ln1.forward(x);
        // [E, B, T, D] → [E, B, H, T, dh]
        Tensor Split(Tensor y) => y.reshape(e, b, t, _heads, _headDim).transpose(2, 3);
        var q = Split(wq.forward(h));
        var k = Split(wk.forward(h));
        var v = Split(wv.forward(h));
        var scores = MatmulPrecision.Matmul(q, k.transpose(-1, -2)).mul_(1.0 / Math.Sqrt(_headDim))
            .masked_fill_(causalMask, double.NegativeInfinity);
        var pattern = nn.functional.softmax(scores, -1);
        cache?.Keep($"{hook}.attn.hook_pattern", pattern);
        var mixed = MatmulPrecision.Matmul(pattern, v).transpose(2, 3).reshape(e, b, t, d);
        var attnOut = wo.forward(mixed);
        cache?.Keep($"{hook}.hook_attn_out", attnOut);
        var x1 = x + attnOut;
        // GPT-2's activation is gelu_new, the tanh approximation (spec §4.4); the parity test found the erf form here.
        var f = proj.forward(nn.functional.gelu(fc.forward(ln2.forward(x1)), GELU.Approximate.tanh));
        var y = x1 + f;
        cache?.Keep($"{hook}.hook_resid_post", y);
        return y.MoveToOuterDisposeScope();
    }

    public IEnumerable<PlannedParam> InitPlan(string prefix) =>
        ln1.InitPlan($"{prefix}.ln1").Concat(wq.InitPlan($"{prefix}.wq")).Concat(wk.InitPlan($"{prefix}.wk"))
            .Concat(wv.InitPlan($"{prefix}.wv")).Concat(wo.InitPlan($"{prefix}.wo"))
            .Concat(ln2.InitPlan($"{prefix}.ln2"))
            .Concat(fc.InitPlan($"{prefix}.fc")).Concat(proj.InitPlan($"{prefix}.proj"));
}
