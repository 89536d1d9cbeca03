using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// The Emb-MLP of spec §4.2 (Definition 1): G(X) = tanh(Σ_{s∈X} w_emb,s W1) W2, no biases. The sum makes the input
/// order irrelevant. d_m = DModel, d_f = DFF.
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
    public StackedEmbedding Embedding => emb;
    public StackedLinear W1 => w1;
    public StackedLinear W2 => w2;

    public Tensor Forward(Tensor ids) => forward(ids);

    public override Tensor forward(Tensor ids)
    {
        using var e = emb.forward(ids);       // [E, B, L, d_m]
        using var summed = e.sum(-2);          // [E, B, d_m]
        using var h = w1.forward(summed);
        using var a = h.tanh();
        return w2.forward(a);
    }

    public IReadOnlyList<PlannedParam> InitPlan() =>
        emb.InitPlan("emb").Concat(w1.InitPlan("w1")).Concat(w2.InitPlan("w2")).ToList();
}
