using FluentAssertions;
using InitBias.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Unit;

/// <summary>
/// The transformer's top layer computes only the last position; that row must equal the full layer's.
/// </summary>
[Trait("Category", "Unit")]
public class TopLayerTests
{
    [Fact]
    public void Forward_last_equals_the_last_row_of_the_full_layer()
    {
        var config = new ModelConfig { DModel = 16, DFF = 24, DK = 8, VocabSize = 30, MaxPositions = 20 };
        using var model = new DecoderTransformer(config, members: 2);
        var streams = new[] { new RandomStream(1), new RandomStream(2) };
        InitRule.Apply(model.InitPlan(), [0.3, 0.3], streams); // γ 0.3: attention far from uniform
        using var _ = no_grad();
        using var input = new Generator(3);
        using var x = randn([2, 5, 9, 16], generator: input);
        using var causal = ones(9, 9, dtype: ScalarType.Bool).triu_(1);
        var layer = model.Layers[^1];
        using var full = layer.Forward(x, causal);
        using var fullLast = full.select(-2, 8);
        using var last = layer.ForwardLast(x);
        last.shape.Should().Equal([2, 5, 16]);
        (last - fullLast).abs().max().item<float>().Should().BeLessThan(1e-5f);
        foreach (var g in streams) g.Dispose();
    }
}
