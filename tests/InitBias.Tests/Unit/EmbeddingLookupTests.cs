using FluentAssertions;
using InitBias.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Unit;

/// <summary>
/// CUDA looks embeddings up by a one-hot matmul (a deterministic backward there); the CPU by index_select. Measured
/// here on the CPU: the two give the same rows exactly and the same gradients up to summation order.
/// </summary>
[Trait("Category", "Unit")]
public class EmbeddingLookupTests
{
    [Fact]
    public void One_hot_lookup_equals_index_select_forward_and_backward()
    {
        using var a = new StackedEmbedding("a", members: 3, count: 201, dim: 16);
        using var b = new StackedEmbedding("b", members: 3, count: 201, dim: 16);
        using (var s = new RandomStream(1)) InitRule.Apply([.. a.InitPlan("a")], [0.3, 0.5, 0.8], [s, s, s]);
        using (no_grad()) b.Weight.copy_(a.Weight);
        using var g = new Generator(2);
        using var ids = randint(0, 201, [3, 50, 9], generator: g, dtype: ScalarType.Int64); // repeated ids
        using var selected = a.forward(ids);
        using var hot = b.ForwardOneHot(ids);
        hot.shape.Should().Equal(selected.shape);
        (selected - hot).abs().max().item<float>().Should().Be(0f, "a one-hot row picks the weight row exactly");
        using var upstream = randn(selected.shape, generator: g);
        (selected * upstream).sum().backward();
        (hot * upstream).sum().backward();
        (a.Weight.grad! - b.Weight.grad!).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }
}
