using FluentAssertions;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Unit;

/// <summary>
/// Every draw of RandomStream is made on the CPU whatever torch's default device is (on CUDA runs the default may be
/// the GPU, where TorchSharp's CPU generators do not work, dotnet/TorchSharp#1194). With meta as the default device a
/// draw that relied on the default would land on meta (or abort): each draw must equal the same draw made with the
/// CPU as the default.
/// </summary>
[Trait("Category", "Unit")]
public class RandomStreamDeviceTests
{
    private sealed record Draws(float[] Normal, long[] Permutation, float[] NormalAgain, long[] PermutationAgain);

    private static Draws DrawAll()
    {
        using var s = new RandomStream(7);
        using var state = s.State();
        using var target = empty([3, 5], ScalarType.Float32, CPU);
        s.FillNormal(target, 0.5);
        using var perm = s.Permutation(11, CPU);
        perm.device.type.Should().Be(DeviceType.CPU);
        target.device.type.Should().Be(DeviceType.CPU);
        var normal = target.data<float>().ToArray();
        var permutation = perm.data<long>().ToArray();
        s.Restore(state); // the checkpoint path: the same draws again
        s.FillNormal(target, 0.5);
        using var again = s.Permutation(11, CPU);
        return new(normal, permutation, target.data<float>().ToArray(), again.data<long>().ToArray());
    }

    [Fact]
    public void Draws_are_the_same_with_meta_as_the_default_device()
    {
        var cpu = DrawAll();
        Draws meta;
        using (DefaultDevice.MetaScope())
        {
            get_default_device().type.Should().Be(DeviceType.META, "the test must run under another default device");
            meta = DrawAll();
        }
        get_default_device().type.Should().Be(DeviceType.CPU);
        meta.Normal.Should().Equal(cpu.Normal);
        meta.Permutation.Should().Equal(cpu.Permutation);
        meta.NormalAgain.Should().Equal(cpu.Normal);
        meta.PermutationAgain.Should().Equal(cpu.Permutation);
    }
}
