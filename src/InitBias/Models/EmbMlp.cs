using InitBias.Models.Blocks;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// The Emb-MLP of spec §4.2 (Definition 1): G(X) = tanh(Σ_{s∈X} w_emb,s W1) W2, no biases. The sum makes the input
/// order irrelevant. d_m = DModel, d_f = DFF.
/// Hook points (RunWithCache), in forward order: hook_embed [E, B, L, d_m] (the input embeddings), hook_mlp_in
/// [E, B, d_m] (their sum, the MLP's input), mlp.hook_pre [E, B, d_f] (before tanh), mlp.hook_post [E, B, d_f]
/// (after tanh). The MLP is named mlp, as its weights are (mlp.W_in, mlp.W_out); the model has no blocks.
/// </summary>
public sealed class EmbMlp : HookedEnsembleModel
{
    /// <summary>The sum of the input embeddings, which the MLP reads (TransformerLens's name for an MLP's input).
    /// </summary>
    public static readonly HookPoint MlpIn = new("hook_mlp_in");

    public readonly ModelConfig Config;
    private readonly StackedEmbedding emb;
    private readonly StackedLinear w1, w2;
    private readonly Mlp mlp;

    public EmbMlp(ModelConfig config, int members = 1) : base("emb_mlp", members)
    {
        Config = config;
        emb = new StackedEmbedding("emb", members, config.VocabSize, config.DModel);
        w1 = new StackedLinear("w1", members, config.DModel, config.DFF, false);
        w2 = new StackedLinear("w2", members, config.DFF, config.VocabSize, false);
        mlp = new Mlp(w1, w2, t => t.tanh(), new MlpHooks("mlp"));
        RegisterComponents();
    }

    public StackedLinear W1 => w1;
    public StackedLinear W2 => w2;

    protected override IEnumerable<HookPoint> HookPoints => [EmbeddingHooks.Embed, MlpIn, .. mlp.Hooks.All];

    /// <summary>W_E (the embedding [E, V, d_m]), mlp.W_in (W1) and mlp.W_out (W2).</summary>
    protected override IReadOnlyList<(string Name, Func<Tensor> Get)> WeightTable =>
        [("W_E", () => emb.Weight), ("mlp.W_in", () => w1.Weight), ("mlp.W_out", () => w2.Weight)];

    protected override Tensor Run(Tensor ids, ActivationCache? cache)
    {
        using var e = emb.forward(ids); // [E, B, L, d_m]
        cache?.Keep(EmbeddingHooks.Embed, e);
        using var summed = e.sum(-2); // [E, B, d_m]
        cache?.Keep(MlpIn, summed);
        return mlp.Forward(summed, cache); // [E, B, V]
    }

    public override IReadOnlyList<PlannedParam> InitPlan() =>
        emb.InitPlan("emb").Concat(w1.InitPlan("w1")).Concat(w2.InitPlan("w2")).ToList();
}
