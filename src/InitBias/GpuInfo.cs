using System.Diagnostics;
using TorchSharp;

namespace InitBias;

/// <summary>
/// What decides a CUDA run's last digits besides the code, in place of the CPU's threads and vector units: the GPU
/// model and driver, the CUDA libraries libtorch loaded (their file names carry their versions: libcudart, libcublas,
/// libcudnn), the TF32 settings and cuBLAS's workspace (CudaSettings). Recorded in run folders (reuse compares it) and
/// in snapshot environments (two GPUs are never held to each other's digits). TorchSharp exposes neither the device
/// name nor the library versions, so the name and driver come from nvidia-smi ("unknown" without it).
/// </summary>
public sealed record GpuInfo(string Name, string Driver, string CudaLibraries, bool Tf32Matmul, bool Tf32Cudnn,
    string CublasWorkspaceConfig)
{
    /// <summary>What Name and Driver say when nvidia-smi did not answer.</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// False when nvidia-smi did not name the GPU or its driver: such an environment is never comparable, not even
    /// to another unknown one (two unknown GPUs may be any two GPUs), so its runs are neither reused nor held to
    /// each other's digits.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Identified => Name != Unknown && Driver != Unknown;

    /// <summary>Null on the CPU.</summary>
    public static GpuInfo? Capture(torch.Device device)
    {
        if (device.type != DeviceType.CUDA) return null;
        var (name, driver) = Smi();
        return new GpuInfo(name, driver, Libraries(), CudaSettings.Tf32Matmul, CudaSettings.Tf32Cudnn,
            Environment.GetEnvironmentVariable("CUBLAS_WORKSPACE_CONFIG") ?? "");
    }

    private static (string Name, string Driver) Smi()
    {
        try
        {
            // torch's cuda:0 is the first device CUDA_VISIBLE_DEVICES lists (an index or a UUID), else GPU 0. The index
            // only finds the device; what is recorded is its model and driver, never the index.
            string id = (Environment.GetEnvironmentVariable("CUDA_VISIBLE_DEVICES") ?? "").Split(',')[0].Trim();
            var start = new ProcessStartInfo("nvidia-smi",
                $"--query-gpu=name,driver_version --format=csv,noheader --id={(id.Length > 0 ? id : "0")}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(start)!;
            string first = p.StandardOutput.ReadToEnd().Split('\n')[0];
            p.WaitForExit();
            var parts = first.Split(',', 2, StringSplitOptions.TrimEntries);
            return parts.Length == 2 ? (parts[0], parts[1]) : (Unknown, Unknown);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (Unknown, Unknown);
        }
    }

    /// <summary>The CUDA libraries mapped into this process, by file name (Linux: /proc/self/maps).</summary>
    private static string Libraries()
    {
        try
        {
            var names = File.ReadLines("/proc/self/maps")
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length >= 6).Select(f => Path.GetFileName(f[^1]))
                .Where(n => n.StartsWith("libcudart", StringComparison.Ordinal)
                            || n.StartsWith("libcublas", StringComparison.Ordinal)
                            || n.StartsWith("libcudnn.so", StringComparison.Ordinal))
                .Distinct().Order(StringComparer.Ordinal);
            return string.Join(" ", names);
        }
        catch (IOException) { return ""; }
    }
}
