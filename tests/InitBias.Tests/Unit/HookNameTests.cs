using FluentAssertions;
using InitBias.Models;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// Each model's hook names, pinned in order (the order its forward pass reaches them), written out here rather than
/// built by the models' own declarations: a renamed, dropped or reordered hook point fails with the list. The names
/// are TransformerLens's (post-LN blocks as its BertBlock, pre-LN blocks as its TransformerBlock).
/// </summary>
[Trait("Category", "Unit")]
public class HookNameTests
{
    private static readonly ModelConfig C = new() { DModel = 16, DFF = 24, DK = 8, VocabSize = 30, MaxPositions = 20 };

    private static IEnumerable<string> Blocks(int count, params string[] names) =>
        Enumerable.Range(0, count).SelectMany(i => names.Select(n => $"blocks.{i}.{n}"));

    [Fact]
    public void The_transformer_names_its_hooks_in_forward_order()
    {
        using var m = new DecoderTransformer(C);
        m.HookNames.Should().Equal(
        [
            "hook_embed", "hook_pos_embed",
            .. Blocks(2,
                "hook_resid_pre",
                "attn.hook_q", "attn.hook_k", "attn.hook_v",
                "attn.hook_attn_scores", "attn.hook_pattern", "attn.hook_z",
                "hook_attn_out", "hook_resid_mid", "ln1.hook_normalized",
                "mlp.hook_pre", "mlp.hook_post", "hook_mlp_out", "hook_resid_post", "ln2.hook_normalized",
                "hook_normalized_resid_post"),
        ]);
    }

    [Fact]
    public void The_transformer_without_layer_norm_has_no_layer_norm_hooks()
    {
        using var m = new DecoderTransformer(C with { LayerNorm = false, Layers = 1 });
        m.HookNames.Should().Equal(
        [
            "hook_embed", "hook_pos_embed",
            .. Blocks(1,
                "hook_resid_pre",
                "attn.hook_q", "attn.hook_k", "attn.hook_v",
                "attn.hook_attn_scores", "attn.hook_pattern", "attn.hook_z",
                "hook_attn_out", "hook_resid_mid", "mlp.hook_pre", "mlp.hook_post", "hook_mlp_out", "hook_resid_post",
                "hook_normalized_resid_post"),
        ]);
    }

    [Fact]
    public void The_gpt2_decoder_names_its_hooks_in_forward_order()
    {
        using var m = new Gpt2Decoder(C with { Heads = 2 });
        m.HookNames.Should().Equal(
        [
            "hook_embed", "hook_pos_embed",
            .. Blocks(2,
                "hook_resid_pre", "ln1.hook_normalized",
                "attn.hook_q", "attn.hook_k", "attn.hook_v",
                "attn.hook_attn_scores", "attn.hook_pattern", "attn.hook_z",
                "hook_attn_out", "hook_resid_mid", "ln2.hook_normalized",
                "mlp.hook_pre", "mlp.hook_post", "hook_mlp_out", "hook_resid_post"),
            "ln_final.hook_normalized",
        ]);
    }

    [Fact]
    public void The_emb_mlp_names_its_hooks_in_forward_order()
    {
        using var m = new EmbMlp(C);
        m.HookNames.Should().Equal("hook_embed", "hook_mlp_in", "mlp.hook_pre", "mlp.hook_post");
    }
}
