using FluentAssertions;
using InitBias.Models;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// The registered parameters' names and order, and the init plan's order, pinned per model. The order is part of the
/// numbers: checkpoints store parameters by position (checkpoint.bin: param0, param1, …), the optimiser's per-model
/// clipping norm sums them in it, and InitRule draws each member's initial values in plan order from one random
/// stream. The names are read by the parity reference (tests/parity/) and the golden snapshot. A refactoring of the
/// models must leave both lists as they are.
/// </summary>
[Trait("Category", "Unit")]
public class ParameterOrderTests
{
    private static readonly ModelConfig C = new() { DModel = 16, DFF = 24, DK = 8, VocabSize = 30, MaxPositions = 20 };

    private static string[] PerLayer(string prefix, params string[] names) =>
        names.Select(n => $"{prefix}.{n}").ToArray();

    private static readonly string[] TransformerLayer =
    [
        "wq.weight", "wk.weight", "wv.weight", "wo.weight", "ffn1.weight", "ffn2.weight",
        "ln1.weight", "ln1.bias", "ln2.weight", "ln2.bias",
    ];

    private static readonly string[] TransformerLayerPlan =
    [
        "wq.weight", "wk.weight", "wv.weight", "wo.weight", "ln1.weight", "ln1.bias", "ffn1.weight", "ffn2.weight",
        "ln2.weight", "ln2.bias",
    ];

    private static readonly string[] Gpt2Block =
    [
        "wq.weight", "wq.bias", "wk.weight", "wk.bias", "wv.weight", "wv.bias", "wo.weight", "wo.bias",
        "fc.weight", "fc.bias", "proj.weight", "proj.bias", "ln1.weight", "ln1.bias", "ln2.weight", "ln2.bias",
    ];

    private static readonly string[] Gpt2BlockPlan =
    [
        "ln1.weight", "ln1.bias", "wq.weight", "wq.bias", "wk.weight", "wk.bias", "wv.weight", "wv.bias",
        "wo.weight", "wo.bias", "ln2.weight", "ln2.bias", "fc.weight", "fc.bias", "proj.weight", "proj.bias",
    ];

    [Fact]
    public void The_transformer_keeps_its_parameter_and_init_order()
    {
        using var m = new DecoderTransformer(C, members: 2);
        m.named_parameters().Select(p => p.name).Should().Equal(
        [
            "tok_emb.weight", "pos_emb.weight", .. PerLayer("layers.0", TransformerLayer),
            .. PerLayer("layers.1", TransformerLayer), "head.weight", "head.bias",
        ]);
        m.InitPlan().Select(p => p.Name).Should().Equal(
        [
            "tok_emb.weight", "pos_emb.weight", .. PerLayer("layers.0", TransformerLayerPlan),
            .. PerLayer("layers.1", TransformerLayerPlan), "head.weight", "head.bias",
        ]);
    }

    [Fact]
    public void The_transformer_without_layer_norm_has_no_norm_parameters()
    {
        using var m = new DecoderTransformer(C with { LayerNorm = false });
        string[] layer = ["wq.weight", "wk.weight", "wv.weight", "wo.weight", "ffn1.weight", "ffn2.weight"];
        m.named_parameters().Select(p => p.name).Should().Equal(
        [
            "tok_emb.weight", "pos_emb.weight", .. PerLayer("layers.0", layer), .. PerLayer("layers.1", layer),
            "head.weight", "head.bias",
        ]);
        m.InitPlan().Select(p => p.Name).Should().Equal(m.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void The_gpt2_decoder_keeps_its_parameter_and_init_order()
    {
        using var m = new Gpt2Decoder(C with { Heads = 2 }, members: 2);
        m.named_parameters().Select(p => p.name).Should().Equal(
        [
            "tok_emb.weight", "pos_emb.weight", .. PerLayer("blocks.0", Gpt2Block), .. PerLayer("blocks.1", Gpt2Block),
            "ln_f.weight", "ln_f.bias", "head.weight",
        ]);
        m.InitPlan().Select(p => p.Name).Should().Equal(
        [
            "tok_emb.weight", "pos_emb.weight", .. PerLayer("blocks.0", Gpt2BlockPlan),
            .. PerLayer("blocks.1", Gpt2BlockPlan), "ln_f.weight", "ln_f.bias", "head.weight",
        ]);
    }

    [Fact]
    public void The_emb_mlp_keeps_its_parameter_and_init_order()
    {
        using var m = new EmbMlp(C, members: 2);
        m.named_parameters().Select(p => p.name).Should().Equal("emb.weight", "w1.weight", "w2.weight");
        m.InitPlan().Select(p => p.Name).Should().Equal("emb.weight", "w1.weight", "w2.weight");
    }
}
