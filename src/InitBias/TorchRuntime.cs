using System.Runtime.InteropServices;
using TorchSharp;

namespace InitBias;

/// <summary>Process-wide torch set-up: call once, before the first tensor.</summary>
public static class TorchRuntime
{
    private static bool _prepared;

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    /// <summary>
    /// Spinning OpenMP workers made 2-thread training 4x slower on a busy 2-core machine; PASSIVE cures it. The
    /// variable must be in the native environment before libtorch starts (.NET's own setter does not reach getenv).
    /// </summary>
    public static void Prepare(int? threads = null)
    {
        if (!_prepared)
        {
            if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
            {
                SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0);
                Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", "PASSIVE");
            }
            if (!NativeEnvironment.Active) NativeEnvironment.ApplyInProcess();
            _prepared = true;
        }
        if (threads is > 0) torch.set_num_threads(threads.Value);
    }

    /// <summary>"cpu", "cuda" or null for automatic: CUDA when available, else CPU.</summary>
    public static torch.Device ResolveDevice(string? requested)
    {
        switch (requested?.ToLowerInvariant())
        {
            case null or "" or "auto":
                if (!torch.cuda.is_available()) return torch.CPU;
                CudaSettings.Apply();
                return torch.CUDA;
            case "cpu":
                return torch.CPU;
            case "cuda":
                if (!torch.cuda.is_available())
                    throw new ArgumentException("device cuda was asked for (--device or INITBIAS_DEVICE) but CUDA is " +
                                                "not available (build with -p:TorchBackend=cuda on a machine with a " +
                                                "GPU and its driver)");
                CudaSettings.Apply();
                return torch.CUDA;
            default:
                throw new ArgumentException($"unknown device '{requested}' (expected cpu, cuda or auto)");
        }
    }
}
