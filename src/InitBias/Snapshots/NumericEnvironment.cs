using System.Text.Json.Nodes;
using TorchSharp;

namespace InitBias.Snapshots;

/// <summary>
/// What decides a snapshot's last digits besides the code. On the CPU: torch threads, the pinned kernel paths
/// (NativeEnvironment) and the CPU's vector units. On a GPU: the GPU, its driver and CUDA libraries, TF32 and
/// cuBLAS settings (GpuInfo), not the CPU's. The matmul precision when it is not fp32 (bf16 on CUDA). Two runs that
/// agree on all of it reproduce each other bitwise; a snapshot verified in another numeric environment can only be
/// held to its verdicts (SnapshotVerifier). On every device the TorchSharp and libtorch versions.
/// </summary>
public sealed record NumericEnvironment(string Device, int Threads, string MklCbwr, string AtenCpuCapability,
    string CpuVectorFlags, GpuInfo? Gpu = null, string Precision = Models.MatmulPrecision.Fp32,
    string TorchSharp = NumericEnvironment.LegacyTorchSharp, string Libtorch = NumericEnvironment.LegacyLibtorch)
{
    public const string Key = "environment";

    /// <summary>
    /// The versions every snapshot recorded before versions were recorded was made with: the project pinned them
    /// (TorchSharp 0.107.0, libtorch-cpu 2.10.0, the only versions its package source serves), so such a snapshot is
    /// read as if it said so, and stays comparable to runs on those versions only.
    /// </summary>
    public const string LegacyTorchSharp = "0.107.0", LegacyLibtorch = "2.10.0.0";

    public static NumericEnvironment Current(torch.Device device, string precision = Models.MatmulPrecision.Fp32) =>
        new(device.type.ToString().ToLowerInvariant(), torch.get_num_threads(),
            Environment.GetEnvironmentVariable("MKL_CBWR") ?? "",
            Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") ?? "",
            CpuInfo.VectorFlags, GpuInfo.Capture(device), precision, TorchVersions.TorchSharp, TorchVersions.Libtorch);

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
        o["torchsharp"] = TorchSharp;
        o["libtorch"] = Libtorch;
        return o;
    }

    /// <summary>
    /// True when a snapshot's environment object was recorded in this numeric environment. Never for a GPU that
    /// nvidia-smi did not name: two unknown GPUs may be any two GPUs (GpuInfo.Identified). A recorded environment
    /// without versions is read with the legacy versions (LegacyTorchSharp, LegacyLibtorch).
    /// </summary>
    public bool Matches(JsonNode? recorded)
    {
        if (recorded is not JsonObject o || Gpu is { Identified: false }) return false;
        if (o["gpu"] is JsonValue name && name.TryGetValue(out string? gpu) && gpu == GpuInfo.Unknown) return false;
        var was = (JsonObject)o.DeepClone();
        was.TryAdd("torchsharp", LegacyTorchSharp);
        was.TryAdd("libtorch", LegacyLibtorch);
        return JsonNode.DeepEquals(was, ToJson());
    }
}
