using FluentAssertions;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

[Trait("Category", "Integration")]
public class TorchLoadsTests
{
    /// <summary>
    /// On Debian 12 this fails unless the build patched libLibTorchSharp.so's GLIBCXX_3.4.32 requirement.
    /// </summary>
    [Fact]
    public void Native_torch_loads_and_computes()
    {
        using var a = torch.arange(6, dtype: torch.ScalarType.Float32).reshape(2, 3);
        using var b = torch.ones(3, 2);
        using var c = torch.matmul(a, b);
        c.data<float>().ToArray().Should().Equal(3f, 3f, 12f, 12f);
        torch.__version__.Should().StartWith("2.");
    }
}
