using FluentAssertions;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.Probes.Recording;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Integration;

[Trait("Category", "Integration")]
public class TheoryTests
{
    private static RunConfig TinyEmbMlp(double gamma)
    {
        var c = ExperimentRegistry.Get("emb-mlp").Defaults(Profiles.Ci);
        return c with
        {
            Gamma = gamma,
            Task = c.Task with { KeyMax = 50 },
            Model = c.Model with { DModel = 48, DFF = 48 }
        };
    }

    [Fact]
    public void First_gradient_step_matches_prop_1_in_the_small_init_limit_and_not_at_large_init()
    {
        var tokens = Enumerable.Range(1, 20).ToArray();
        var tiny = FirstStepVelocity.Compare(TinyEmbMlp(1.5), CPU, tokens);
        tiny.Should().OnlyContain(a => a.Cosine > 0.9999 && a.RelativeError < 0.01);
        var large = FirstStepVelocity.Compare(TinyEmbMlp(0.1), CPU, tokens);
        large.Min(a => a.Cosine).Should().BeLessThan(0.99);
    }

    [Fact]
    public void Attention_maps_at_tiny_init_are_the_causal_mean()
    {
        var c = TinyConfigs.Transformer(gamma: 3);
        using var model = new DecoderTransformer(c.Model, 1);
        using (var g = new RandomStream(1)) InitRule.Apply(model.InitPlan(), [3.0], [g]);
        using var scope = NewDisposeScope();
        using var gen = new Generator(2, CPU);
        var ids = randint(21, 60, [1, 4, 9], generator: gen, dtype: ScalarType.Int64);
        using var cache = model.RunWithCache(ids, ["blocks.0.attn.hook_pattern", "blocks.1.attn.hook_pattern"]);
        var expected = ones(9, 9).tril_().div_(arange(1, 10, dtype: ScalarType.Float32).unsqueeze(1));
        (cache["blocks.0.attn.hook_pattern"][0, 0] - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
        cache["blocks.1.attn.hook_pattern"].shape.Should().Equal(1, 4, 9, 9);
    }
}
