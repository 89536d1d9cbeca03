using System.Runtime.InteropServices;
using TorchSharp;

namespace InitBias.Runs;

/// <summary>What a run's numbers may depend on besides its config: versions, threads, device, CPU.</summary>
public sealed record EnvironmentFingerprint(
    string InitBias,
    string TorchSharp,
    string Libtorch,
    string Dotnet,
    string Os,
    string Cpu,
    string CpuGeneration,
    string CpuVectorFlags,
    int LogicalCores,
    int TorchThreads,
    string Device,
    IReadOnlyDictionary<string, string?> Variables)
{
    /// <summary>A CUDA run's GPU, driver, CUDA libraries and TF32 settings; absent on the CPU.</summary>
    [System.Text.Json.Serialization.JsonIgnore(
        Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public GpuInfo? Gpu { get; init; }

    /// <summary>
    /// Recorded; not all compared (RunReuse): CUDA_VISIBLE_DEVICES says which GPU index, not which GPU, and the same
    /// model at index 0 and 1 computes the same numbers.
    /// </summary>
    private static readonly string[] RelevantVariables =
    [
        "OMP_WAIT_POLICY", "OMP_NUM_THREADS", "ATEN_CPU_CAPABILITY", "MKL_CBWR", "CUDA_VISIBLE_DEVICES",
        "GLIBC_TUNABLES", "CUBLAS_WORKSPACE_CONFIG"
    ];

    public static EnvironmentFingerprint Capture(torch.Device device) => new(
        TorchVersions.Of(typeof(EnvironmentFingerprint).Assembly),
        TorchVersions.TorchSharp,
        TorchVersions.Libtorch,
        Environment.Version.ToString(),
        RuntimeInformation.OSDescription,
        CpuModel(),
        CpuInfo.Generation,
        CpuInfo.VectorFlags,
        Environment.ProcessorCount,
        torch.get_num_threads(),
        device.ToString(),
        RelevantVariables.ToDictionary(v => v, Environment.GetEnvironmentVariable))
    { Gpu = GpuInfo.Capture(device) };

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
        catch (UnauthorizedAccessException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
    }
}
