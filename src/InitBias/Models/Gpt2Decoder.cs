using InitBias.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// A GPT-2-style decoder for the real-data experiment (spec §4.4): learned token and position embeddings, pre-LN
/// blocks (x + Attn(LN(x)), x + MLP(LN(x))) with multi-head causal attention and GELU (the tanh form, GPT-2's
/// gelu_new), biased linears, a final LN and an untied, bias-free output layer. Untied because the paper's rule
/// initialises every weight matrix on its own (N(0, d_in^-2γ)) and C3 reads the input embeddings, which a tied head
/// would also shape through the output gradient. Forward returns next-token logits at every position: [E, B, T, vocab].
/// Hook points (RunWithCache), in forward order: hook_embed, hook_pos_embed [E, B, T, D] (TokenPositionEmbedding),
/// each block's blocks.{i}.* (Gpt2Block), ln_final.hook_normalized [E, B, T, D].
/// </summary>
public sealed class Gpt2Decoder : HookedEnsembleModel
{
    /// <summary>The final LayerNorm's hook, named as in TransformerLens (its parameters stay ln_f.*).</summary>
    public static readonly LayerNormHooks LnFinal = new("ln_final");

    public readonly ModelConfig Config;
    private readonly StackedEmbedding tok_emb, pos_emb;
    private readonly ModuleList<Gpt2Block> blocks;
    private readonly StackedLayerNorm ln_f;
    private readonly StackedLinear head;
    private readonly TokenPositionEmbedding embedding;

    public Gpt2Decoder(ModelConfig config, int members = 1) : base("gpt2", members)
    {
        if (config.DModel % config.Heads != 0)
            throw new ArgumentException($"dModel {config.DModel} is not divisible by heads {config.Heads}");
        Config = config;
        tok_emb = new StackedEmbedding("tok_emb", members, config.VocabSize, config.DModel);
        pos_emb = new StackedEmbedding("pos_emb", members, config.MaxPositions, config.DModel);
        blocks = new ModuleList<Gpt2Block>(
            Enumerable.Range(0, config.Layers).Select(i => new Gpt2Block(i, members, config)).ToArray());
        ln_f = new StackedLayerNorm("ln_f", members, config.DModel);
        head = new StackedLinear("head", members, config.DModel, config.VocabSize, hasBias: false);
        embedding = new TokenPositionEmbedding(tok_emb, pos_emb, members, config.MaxPositions);
        RegisterComponents();
    }

    protected override IEnumerable<HookPoint> HookPoints =>
        [.. embedding.HookPoints, .. blocks.SelectMany(b => b.HookPoints), LnFinal.Normalized];

    /// <summary>W_E, W_pos and W_U (the untied output layer).</summary>
    protected override IReadOnlyList<(string Name, Func<Tensor> Get)> WeightTable =>
        [("W_E", () => tok_emb.Weight), ("W_pos", () => pos_emb.Weight), ("W_U", () => head.Weight)];

    protected override Tensor Run(Tensor ids, ActivationCache? cache)
    {
        var x = embedding.Forward(ids, cache); // [E, B, T, D]
        using var causal = CausalAttention.Mask(ids.shape[^1], ids.device);
        for (int i = 0; i < blocks.Count; i++)
        {
            var next = blocks[i].Forward(x, causal, cache);
            x.Dispose();
            x = next;
        }
        using var normed = ln_f.forward(x);
        cache?.Keep(LnFinal.Normalized, normed);
        x.Dispose();
        return head.forward(normed);
    }

    public override IReadOnlyList<PlannedParam> InitPlan()
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
