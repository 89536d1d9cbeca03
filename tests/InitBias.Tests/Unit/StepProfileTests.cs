using FluentAssertions;
using InitBias.Training;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// On CUDA a clock read without a device synchronisation measures kernel launches, not kernels (`bench --device
/// cuda`). The profile runs its synchronisation before every read; on the CPU DeviceSync does nothing.
/// </summary>
[Trait("Category", "Unit")]
public class StepProfileTests
{
    [Fact]
    public void Every_clock_read_is_preceded_by_the_device_synchronisation()
    {
        int waits = 0;
        var profile = new StepProfile(() => waits++);
        profile.Start();
        waits.Should().Be(1);
        profile.Lap("forward");
        profile.Lap("backward");
        waits.Should().Be(3);
        profile.Seconds.Keys.Should().BeEquivalentTo("forward", "backward");
    }

    [Fact]
    public void Waiting_on_the_cpu_does_nothing()
    {
        var act = () => DeviceSync.Wait(TorchSharp.torch.CPU);
        act.Should().NotThrow();
    }
}
