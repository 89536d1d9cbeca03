using TorchSharp;
using Xunit;

namespace InitBias.Tests;

/// <summary>
/// A test that needs a GPU: skipped, with the reason, where torch sees no CUDA device, except when INITBIAS_DEVICE is
/// cuda (the GPU jobs set it), where it always runs, so a GPU runner that lost its GPU or its CUDA build fails the
/// test instead of skipping it. xunit 2 has no dynamic skip, so the decision is made when the test is discovered.
/// </summary>
public sealed class GpuFactAttribute : FactAttribute
{
    public const string DeviceVariable = "INITBIAS_DEVICE";

    public GpuFactAttribute()
    {
        if (Required) return;
        if (!torch.cuda.is_available())
            Skip = $"no CUDA device (torch.cuda.is_available() is false); {DeviceVariable}=cuda runs it anyway, " +
                   "and it then fails";
    }

    /// <summary>True when the environment asks for CUDA: the test must run and fail if it cannot.</summary>
    public static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable(DeviceVariable), "cuda", StringComparison.OrdinalIgnoreCase);
}
