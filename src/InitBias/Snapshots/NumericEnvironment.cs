using System.Text.Json.Nodes;
using TorchSharp;

namespace InitBias.Snapshots;

/// <summary>
/// What decides a snapshot's last digits besides the code. On the CPU: torch threads, the pinned kernel paths
/// (NativeEnvironment) and the CPU's vector units. On a GPU: the GPU, its driver and CUDA libraries, TF32 and
/// cuBLAS settings (GpuInfo), not the CPU's. The matmul precision when it is not fp32 (bf16 on CUDA). Two runs that
/// agree on all of it reproduce each other bitwise; a snapshot verified in another numeric environment can only be
/// held to its verdicts (SnapshotVerifier).
/// </summary>
public sealed record NumericEnvironment(string Device, int Threads, string MklCbwr, string AtenCpuCapability,
    string CpuVectorFlags, GpuInfo? Gpu = null, string Precision = Models.MatmulPrecision.Fp32)
{
    public const string Key = "environment";

    public static NumericEnvironment Current(torch.Device device, string precision = Models.MatmulPrecision.Fp32) =>
        new(device.type.ToString().ToLowerInvariant(), torch.get_num_threads(),
            Environment.GetEnvironmentVariable("MKL_CBWR") ?? "",
            Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") ?? "",
            CpuInfo.VectorFlags, GpuInfo.Capture(device), precision);

    public JsonObject ToJson()
    {
        var o = Gpu is null
            ? new JsonObject
            {
                ["device"] = Device,
                ["threads"] = Threads,
                ["mkl_cbwr"] = MklCbwr,
                ["aten_cpu_capability"] = AtenCpuCapability,
                ["cpu_vector_flags"] = CpuVectorFlags,
            }
            : new JsonObject
            {
                ["device"] = Device,
                ["gpu"] = Gpu.Name,
                ["driver"] = Gpu.Driver,
                ["cuda_libraries"] = Gpu.CudaLibraries,
                ["tf32_matmul"] = Gpu.Tf32Matmul,
                ["tf32_cudnn"] = Gpu.Tf32Cudnn,
                ["cublas_workspace_config"] = Gpu.CublasWorkspaceConfig,
            };
        // Absent for fp32, so snapshots verified before precision was recorded still match.
        if (Precision != Models.MatmulPrecision.Fp32) o["precision"] = Precision;
        return o;
    }

    /// <summary>True when a snapshot's environment object was recorded in this numeric environment.</summary>
    public bool Matches(JsonNode? recorded) => recorded is JsonObject o && JsonNode.DeepEquals(o, ToJson());
}
