using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// The Emb-MLP of spec §4.2 (Definition 1): G(X) = tanh(Σ_{s∈X} w_emb,s W1) W2, no biases. The sum makes the input
/// order irrelevant. d_m = DModel, d_f = DFF.
/// Hook points (RunWithCache): hook_embed [E, B, L, d_m] (the input embeddings), hook_embed_sum [E, B, d_m] (their
/// sum), hook_hidden [E, B, d_f] (after tanh).
/// </summary>
public sealed class EmbMlp : nn.Module<Tensor, Tensor>, IEnsembleModel
{
    public readonly ModelConfig Config;
    private readonly StackedEmbedding emb;
    private readonly StackedLinear w1, w2;

    public EmbMlp(ModelConfig config, int members = 1) : base("emb_mlp")
    {
        Config = config;
        Members = members;
        emb = new StackedEmbedding("emb", members, config.VocabSize, config.DModel);
        w1 = new StackedLinear("w1", members, config.DModel, config.DFF, false);
        w2 = new StackedLinear("w2", members, config.DFF, config.VocabSize, false);
        RegisterComponents();
    }

    public int Members { get; }
    public nn.Module Module => this;
    public StackedLinear W1 => w1;
    public StackedLinear W2 => w2;

    /// <summary>W_E (the embedding [E, V, d_m]), mlp.W_in (W1) and mlp.W_out (W2).</summary>
    private IReadOnlyList<(string Name, Func<Tensor> Get)> WeightTable =>
        [("W_E", () => emb.Weight), ("mlp.W_in", () => w1.Weight), ("mlp.W_out", () => w2.Weight)];

    public IReadOnlyList<string> WeightNames => WeightTable.Select(w => w.Name).ToList();
    public Tensor Weight(string name) => NamedWeights.Find(WeightTable, name);
    public IReadOnlyList<string> HookNames { get; } = ["hook_embed", "hook_embed_sum", "hook_hidden"];

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
        using var e = emb.forward(ids);       // [E, B, L, d_m]
        cache?.Keep("hook_embed", e);
        using var summed = e.sum(-2);          // [E, B, d_m]
        cache?.Keep("hook_embed_sum", summed);
        using var h = w1.forward(summed);
        using var a = h.tanh();
        cache?.Keep("hook_hidden", a);
        return w2.forward(a);
    }

    public IReadOnlyList<PlannedParam> InitPlan() =>
        emb.InitPlan("emb").Concat(w1.InitPlan("w1")).Concat(w2.InitPlan("w2")).ToList();
}
