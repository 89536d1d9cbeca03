using TorchSharp;

namespace InitBias;

/// <summary>
/// Waits until a device has finished the kernels queued on it. CUDA ops return once launched, so a clock read
/// without this measures launch time, not run time; CPU ops are synchronous and need nothing.
/// </summary>
public static class DeviceSync
{
    public static void Wait(torch.Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
    }

    /// <summary>A wait for <paramref name="device"/>, run before each clock read (StepProfile, benches).</summary>
    public static Action Before(torch.Device device) => () => Wait(device);
}
