using FluentAssertions;
using InitBias.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Unit;

/// <summary>Catches layers that were not registered (they would silently not learn) and stray parameters.</summary>
[Trait("Category", "Unit")]
public class ModelStructureTests
{
    private static readonly ModelConfig C = new() { DModel = 16, DFF = 24, DK = 8, VocabSize = 201, MaxPositions = 20 };

    [Fact]
    public void Transformer_registers_exactly_the_spec_parameters()
    {
        var m = new DecoderTransformer(C, members: 2);
        var names = m.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        var expected = new Dictionary<string, long[]>
        {
            ["tok_emb.weight"] = [2, 201, 16],
            ["pos_emb.weight"] = [2, 20, 16],
            ["head.weight"] = [2, 16, 201],
            ["head.bias"] = [2, 201],
        };
        for (int i = 0; i < 2; i++)
        {
            expected[$"layers.{i}.wq.weight"] = [2, 16, 8];
            expected[$"layers.{i}.wk.weight"] = [2, 16, 8];
            expected[$"layers.{i}.wv.weight"] = [2, 16, 8];
            expected[$"layers.{i}.wo.weight"] = [2, 8, 16];
            expected[$"layers.{i}.ffn1.weight"] = [2, 16, 24];
            expected[$"layers.{i}.ffn2.weight"] = [2, 24, 16];
            expected[$"layers.{i}.ln1.weight"] = [2, 16];
            expected[$"layers.{i}.ln1.bias"] = [2, 16];
            expected[$"layers.{i}.ln2.weight"] = [2, 16];
            expected[$"layers.{i}.ln2.bias"] = [2, 16];
        }
        names.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (k, shape) in expected) names[k].Should().Equal(shape, k);
        long perMember = 201 * 16 + 20 * 16 + 16 * 201 + 201 + 2 * (3 * 16 * 8 + 8 * 16 + 2 * 16 * 24 + 4 * 16);
        m.parameters().Sum(p => p.numel()).Should().Be(2 * perMember);
    }

    [Fact]
    public void Emb_mlp_has_embedding_and_two_bias_free_matrices()
    {
        var m = new EmbMlp(C);
        m.named_parameters().Select(p => (p.name, string.Join("x", p.parameter.shape))).Should().BeEquivalentTo(new[]
        {
            ("emb.weight", "1x201x16"), ("w1.weight", "1x16x24"), ("w2.weight", "1x24x201"),
        });
    }

    [Theory]
    [InlineData("transformer")]
    [InlineData("emb-mlp")]
    [InlineData("gpt2")]
    public void Init_plan_covers_every_registered_parameter_once(string kind)
    {
        IEnsembleModel m = kind switch
        {
            "transformer" => new DecoderTransformer(C),
            "gpt2" => new Gpt2Decoder(C with { Heads = 2 }),
            _ => new EmbMlp(C),
        };
        var planned = m.InitPlan().Select(p => p.Name).ToList();
        planned.Should().OnlyHaveUniqueItems();
        planned.Should().BeEquivalentTo(m.Module.named_parameters().Select(p => p.name));
        foreach (var p in m.InitPlan())
            ReferenceEquals(p.Parameter, m.Module.named_parameters().Single(n => n.name == p.Name).parameter)
                .Should().BeTrue(p.Name);
    }

    [Fact]
    public void Forward_gives_last_position_logits_per_member_and_every_parameter_gets_a_gradient()
    {
        var m = new DecoderTransformer(C, members: 2);
        var gens = new[] { new RandomStream(1), new RandomStream(2) };
        InitRule.Apply(m.InitPlan(), [0.5, 0.5], gens);
        using var ids = randint(21, 121, [2, 5, 9], dtype: ScalarType.Int64);
        using var logits = m.Forward(ids);
        logits.shape.Should().Equal(2, 5, 201);
        logits.sum().backward();
        foreach (var (name, p) in m.named_parameters())
        {
            p.grad.Should().NotBeNull(name);
            if (!name.StartsWith("pos_emb")) p.grad!.abs().sum().item<float>().Should().BeGreaterThan(0, name);
        }
    }

    [Fact]
    public void Members_do_not_interact()
    {
        var m = new EmbMlp(C, members: 2);
        InitRule.Apply(m.InitPlan(), [0.5, 0.5], [new RandomStream(1), new RandomStream(2)]);
        using var ids = randint(21, 121, [2, 4, 3], dtype: ScalarType.Int64);
        using var logits = m.Forward(ids);
        logits[0].sum().backward();
        foreach (var (name, p) in m.named_parameters())
            p.grad![1].abs().sum().item<float>().Should()
                .Be(0, $"{name}: member 1 must not receive member 0's gradient");
    }

    [Fact]
    public void Gpt2_decoder_gives_next_token_logits_at_every_position_causally()
    {
        var c = C with { Heads = 2, Layers = 2, MaxPositions = 12 };
        var m = new Gpt2Decoder(c, members: 2);
        m.named_parameters().Select(p => p.name).Should()
            .Contain(["blocks.1.fc.bias", "ln_f.weight", "head.weight"]).And.NotContain("head.bias");
        InitRule.Apply(m.InitPlan(), [0.5, 0.5], [new RandomStream(1), new RandomStream(2)]);
        using var gen = new Generator(3);
        using var ids = randint(0, 201, [2, 3, 10], generator: gen, dtype: ScalarType.Int64);
        using var logits = m.Forward(ids);
        logits.shape.Should().Equal(2, 3, 10, 201);
        // Changing the last token must not change the logits of earlier positions.
        using var changed = ids.clone();
        changed[.., .., 9] = (changed[.., .., 9] + 1) % 201;
        using var logits2 = m.Forward(changed);
        (logits[.., .., ..9] - logits2[.., .., ..9]).abs().max().item<float>().Should().Be(0);
        (logits[.., .., 9] - logits2[.., .., 9]).abs().max().item<float>().Should().BeGreaterThan(0);
    }
}
