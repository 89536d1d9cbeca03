using InitBias.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InitBias.Models;

/// <summary>
/// The synthetic-task Transformer of spec §4.3: token + learned position embeddings, post-LN layers
/// (X = LN(X + Attn(X) V W^O); X = LN(FFN(X) + X)), one head, bias-free attention and ReLU FFN, a biased head read
/// at the last position. There is no padding in the task, so only the causal mask is applied.
/// Hook points (RunWithCache), in forward order: hook_embed, hook_pos_embed [E, B, L, D] (TokenPositionEmbedding),
/// then each layer's blocks.{i}.* (DecoderLayer: hook_resid_pre, attn.hook_q … hook_z, hook_attn_out,
/// hook_resid_mid, ln1.hook_normalized, mlp.hook_pre/hook_post, hook_mlp_out, hook_resid_post, ln2.hook_normalized,
/// hook_normalized_resid_post, the layer's output). The top layer of a last-token model computes only the last
/// position, as in training: its hooks from attn.hook_z on have one position (L' = 1), while its attn.hook_q, hook_k,
/// hook_attn_scores and hook_pattern are computed for every position when asked.
/// </summary>
public sealed class DecoderTransformer : HookedEnsembleModel
{
    public readonly ModelConfig Config;
    private readonly StackedEmbedding tok_emb, pos_emb;
    private readonly ModuleList<DecoderLayer> layers;
    private readonly StackedLinear head;
    private readonly TokenPositionEmbedding embedding;

    public DecoderTransformer(ModelConfig config, int members = 1) : base("transformer", members)
    {
        Config = config;
        tok_emb = new StackedEmbedding("tok_emb", members, config.VocabSize, config.DModel);
        pos_emb = new StackedEmbedding("pos_emb", members, config.MaxPositions, config.DModel);
        layers = new ModuleList<DecoderLayer>(Enumerable.Range(0, config.Layers)
            .Select(i => new DecoderLayer(i, members, config)).ToArray());
        head = new StackedLinear("head", members, config.DModel, config.VocabSize, hasBias: true);
        embedding = new TokenPositionEmbedding(tok_emb, pos_emb, members, config.MaxPositions);
        RegisterComponents();
    }

    public IReadOnlyList<DecoderLayer> Layers => layers.ToList();

    protected override IEnumerable<HookPoint> HookPoints =>
        [.. embedding.HookPoints, .. layers.SelectMany(l => l.HookPoints)];

    /// <summary>W_E, W_pos, blocks.{i}.attn.W_Q / W_K / W_V / W_O, blocks.{i}.mlp.W_in / W_out, W_U, b_U.</summary>
    protected override IReadOnlyList<(string Name, Func<Tensor> Get)> WeightTable =>
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

    protected override Tensor Run(Tensor ids, ActivationCache? cache)
    {
        var x = embedding.Forward(ids, cache); // [E, B, L, D]
        using var causal = CausalAttention.Mask(ids.shape[^1], ids.device);
        for (int i = 0; i < layers.Count - 1; i++)
        {
            var next = layers[i].Forward(x, causal, cache);
            x.Dispose();
            x = next;
        }
        var top = layers[^1];
        if (Config.LogitsAtEveryPosition)
        {
            using var all = top.Forward(x, causal, cache); // [E, B, L, D]
            x.Dispose();
            return head.forward(all);
        }
        // The loss reads only the last position, so the top layer computes only that row (keys and values still
        // come from every position): a third fewer FLOPs per step at ci size, the same function. Its attention for
        // every query position is computed only when a probe asks for it.
        var attn = top.Hooks.Attn;
        if (cache is not null && new[] { attn.Q, attn.K, attn.AttnScores, attn.Pattern }.Any(cache.Wants))
        {
            using var pattern = top.AttentionPattern(x, causal, cache);
        }
        using var last = top.ForwardLast(x, cache); // [E, B, D]
        x.Dispose();
        return head.forward(last);
    }

    public override IReadOnlyList<PlannedParam> InitPlan()
    {
        var plan = new List<PlannedParam>();
        plan.AddRange(tok_emb.InitPlan("tok_emb"));
        plan.AddRange(pos_emb.InitPlan("pos_emb"));
        for (int i = 0; i < layers.Count; i++) plan.AddRange(layers[i].InitPlan($"layers.{i}"));
        plan.AddRange(head.InitPlan("head"));
        return plan;
    }
}
