using FluentAssertions;
using InitBias.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Unit;

/// <summary>
/// Probes read models only through named points: weights by name and activations by hook name. Every name a model
/// lists is recorded with its documented shape, unknown names are refused, and the cached values are the ones the
/// forward pass computes.
/// </summary>
[Trait("Category", "Unit")]
public class HookPointTests
{
    private static readonly ModelConfig C = new() { DModel = 16, DFF = 24, DK = 8, VocabSize = 30, MaxPositions = 20 };

    private static T Initialised<T>(T model) where T : IEnsembleModel
    {
        var streams = new[] { new RandomStream(1), new RandomStream(2) };
        InitRule.Apply(model.InitPlan(), [0.3, 0.3], streams);
        foreach (var g in streams) g.Dispose();
        return model;
    }

    private static Tensor Ids(int len, long vocab)
    {
        using var g = new Generator(3);
        return randint(1, vocab, [2, 5, len], generator: g, dtype: ScalarType.Int64);
    }

    [Fact]
    public void The_transformer_records_every_hook_it_names_with_its_shape()
    {
        using var model = Initialised(new DecoderTransformer(C, members: 2));
        using var ids = Ids(9, 30);
        using var cache = model.RunWithCache(ids, model.HookNames);
        foreach (var name in model.HookNames) cache[name].Should().NotBeNull(name);
        cache["hook_embed"].shape.Should().Equal(2, 5, 9, 16);
        cache["hook_pos_embed"].shape.Should().Equal(2, 5, 9, 16);
        cache["blocks.0.hook_resid_pre"].shape.Should().Equal(2, 5, 9, 16);
        cache["blocks.0.attn.hook_q"].shape.Should().Equal(2, 5, 9, 8);
        cache["blocks.0.attn.hook_attn_scores"].shape.Should().Equal(2, 5, 9, 9);
        cache["blocks.0.attn.hook_pattern"].shape.Should().Equal(2, 5, 9, 9);
        cache["blocks.0.attn.hook_z"].shape.Should().Equal(2, 5, 9, 8);
        cache["blocks.0.hook_attn_out"].shape.Should().Equal(2, 5, 9, 16);
        cache["blocks.0.mlp.hook_post"].shape.Should().Equal(2, 5, 9, 24);
        cache["blocks.0.hook_normalized_resid_post"].shape.Should().Equal(2, 5, 9, 16);
        // The top layer of a last-token model computes only the last position, as in training; its attention up to
        // the pattern is computed for every query position when asked.
        cache["blocks.1.attn.hook_q"].shape.Should().Equal(2, 5, 9, 8);
        cache["blocks.1.attn.hook_pattern"].shape.Should().Equal(2, 5, 9, 9);
        cache["blocks.1.attn.hook_v"].shape.Should().Equal(2, 5, 9, 8);
        cache["blocks.1.attn.hook_z"].shape.Should().Equal(2, 5, 1, 8);
        cache["blocks.1.hook_attn_out"].shape.Should().Equal(2, 5, 1, 16);
        cache["blocks.1.hook_normalized_resid_post"].shape.Should().Equal(2, 5, 1, 16);
        model.Weight("blocks.0.attn.W_V").shape.Should().Equal(2, 16, 8);
        model.Weight("W_E").shape.Should().Equal(2, 30, 16);
    }

    /// <summary>The hooks hold the tensors their TransformerLens names say; the blocks chain through them.</summary>
    [Fact]
    public void The_transformers_hooks_hold_what_their_names_say()
    {
        using var model = Initialised(new DecoderTransformer(C, members: 2));
        using var ids = Ids(9, 30);
        using var c = model.RunWithCache(ids, model.HookNames);
        using var _ = no_grad();
        Same(c["hook_embed"] + c["hook_pos_embed"], c["blocks.0.hook_resid_pre"]);
        using (var tokens = model.Weight("W_E")[0].index_select(0, ids[0, 0])) Same(tokens, c["hook_embed"][0, 0]);
        Same(c["blocks.0.hook_resid_pre"] + c["blocks.0.hook_attn_out"], c["blocks.0.hook_resid_mid"]);
        Same(c["blocks.0.ln1.hook_normalized"] + c["blocks.0.hook_mlp_out"], c["blocks.0.hook_resid_post"]);
        Same(c["blocks.0.ln2.hook_normalized"], c["blocks.0.hook_normalized_resid_post"]);
        Same(c["blocks.0.hook_normalized_resid_post"], c["blocks.1.hook_resid_pre"]);
        Same(c["blocks.0.mlp.hook_pre"].relu(), c["blocks.0.mlp.hook_post"]);
        Same(c["blocks.0.attn.hook_attn_scores"].softmax(-1), c["blocks.0.attn.hook_pattern"]);
        Same(c["blocks.0.attn.hook_pattern"].matmul(c["blocks.0.attn.hook_v"]), c["blocks.0.attn.hook_z"]);
        // The top layer's one computed row is the last row of its pattern over every position.
        using var lastQuery = c["blocks.1.attn.hook_pattern"].narrow(-2, 8, 1);
        Same(lastQuery.matmul(c["blocks.1.attn.hook_v"]), c["blocks.1.attn.hook_z"]);
    }

    private static void Same(Tensor got, Tensor expected)
    {
        got.shape.Should().Equal(expected.shape);
        (got - expected).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Fact]
    public void The_top_layers_last_position_hooks_equal_the_full_layers_last_row()
    {
        using var model = Initialised(new DecoderTransformer(C, members: 2));
        using var ids = Ids(9, 30);
        using var cache = model.RunWithCache(ids, ["blocks.0.hook_normalized_resid_post", "blocks.1.hook_attn_out"]);
        using var _ = no_grad();
        using var causal = ones(9, 9, dtype: ScalarType.Bool).triu_(1);
        using var full = new ActivationCache(["blocks.1.hook_attn_out"], model.HookNames);
        using var top = model.Layers[1].Forward(cache["blocks.0.hook_normalized_resid_post"], causal, full);
        using var expected = full["blocks.1.hook_attn_out"].select(-2, 8);
        using var got = cache["blocks.1.hook_attn_out"].select(-2, 0);
        (got - expected).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Fact]
    public void The_emb_mlp_and_the_gpt2_decoder_record_their_hooks()
    {
        using var mlp = Initialised(new EmbMlp(C, members: 2));
        using var ids = Ids(3, 30);
        using (var cache = mlp.RunWithCache(ids, mlp.HookNames))
        {
            cache["hook_embed"].shape.Should().Equal(2, 5, 3, 16);
            cache["hook_mlp_in"].shape.Should().Equal(2, 5, 16);
            cache["mlp.hook_pre"].shape.Should().Equal(2, 5, 24);
            cache["mlp.hook_post"].shape.Should().Equal(2, 5, 24);
            using var _ = no_grad();
            Same(cache["hook_embed"].sum(-2), cache["hook_mlp_in"]);
            Same(cache["mlp.hook_pre"].tanh(), cache["mlp.hook_post"]);
        }
        using var gpt2 = Initialised(new Gpt2Decoder(C with { Heads = 2 }, members: 2));
        using var text = Ids(7, 30);
        using var g = gpt2.RunWithCache(text, gpt2.HookNames);
        foreach (var name in gpt2.HookNames) g[name].Should().NotBeNull(name);
        g["hook_embed"].shape.Should().Equal(2, 5, 7, 16);
        g["blocks.1.attn.hook_q"].shape.Should().Equal(2, 5, 7, 2, 8);
        g["blocks.1.attn.hook_attn_scores"].shape.Should().Equal(2, 5, 2, 7, 7);
        g["blocks.1.attn.hook_pattern"].shape.Should().Equal(2, 5, 2, 7, 7);
        g["blocks.1.attn.hook_z"].shape.Should().Equal(2, 5, 7, 2, 8);
        g["blocks.1.mlp.hook_pre"].shape.Should().Equal(2, 5, 7, 24);
        g["blocks.1.hook_resid_post"].shape.Should().Equal(2, 5, 7, 16);
        g["ln_final.hook_normalized"].shape.Should().Equal(2, 5, 7, 16);
        using (no_grad())
        {
            Same(g["hook_embed"] + g["hook_pos_embed"], g["blocks.0.hook_resid_pre"]);
            Same(g["blocks.0.hook_resid_pre"] + g["blocks.0.hook_attn_out"], g["blocks.0.hook_resid_mid"]);
            Same(g["blocks.0.hook_resid_mid"] + g["blocks.0.hook_mlp_out"], g["blocks.0.hook_resid_post"]);
            Same(g["blocks.0.hook_resid_post"], g["blocks.1.hook_resid_pre"]);
        }
        gpt2.Weight("W_E").shape.Should().Equal(2, 30, 16);
    }

    [Fact]
    public void Unknown_names_are_refused_with_the_known_ones()
    {
        using var model = new DecoderTransformer(C, members: 1);
        using var ids = Ids(9, 30);
        var hook = () => model.RunWithCache(ids, ["blocks.0.hook_x"]);
        hook.Should().Throw<ArgumentException>().WithMessage("*blocks.0.hook_x*blocks.0.hook_attn_out*");
        var weight = () => model.Weight("W_X");
        weight.Should().Throw<ArgumentException>().WithMessage("*W_X*W_E*");
    }
}
