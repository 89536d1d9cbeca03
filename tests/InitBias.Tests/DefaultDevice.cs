using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Tests;

/// <summary>
/// Makes torch's default device another device than the CPU until disposed, then restores the one before. The meta
/// device stands in for CUDA on a machine without a GPU: a tensor created without a device lands there, and mixing it
/// with a CPU tensor throws ("Expected all tensors to be on the same device"), or copying it out throws ("Cannot copy
/// out of meta tensor"), as a CPU tensor would meet a CUDA one. The default device is process-wide; the test assembly
/// runs serially (TestSetup), so no other test sees it.
/// </summary>
internal sealed class DefaultDevice : IDisposable
{
    public static readonly Device Meta = new(DeviceType.META);

    private readonly Device _before;

    private DefaultDevice(Device device)
    {
        _before = get_default_device();
        set_default_device(device);
    }

    /// <summary>Meta as the default device; restores the previous default on Dispose (use in a using block).</summary>
    public static DefaultDevice MetaScope() => new(Meta);

    public void Dispose() => set_default_device(_before);
}
