using System.Text.Json.Nodes;
using TorchSharp;

namespace InitBias.Snapshots;

/// <summary>
/// What decides a snapshot's last digits besides the code: device, torch threads, the pinned kernel paths
/// (NativeEnvironment) and the CPU's vector units. Two runs that agree on all of it reproduce each other bitwise; a
/// snapshot verified in another numeric environment can only be held to its verdicts (SnapshotVerifier).
/// </summary>
public sealed record NumericEnvironment(string Device, int Threads, string MklCbwr, string AtenCpuCapability,
    string CpuVectorFlags)
{
    public const string Key = "environment";

    public static NumericEnvironment Current(torch.Device device) => new(
        device.type.ToString().ToLowerInvariant(), torch.get_num_threads(),
        Environment.GetEnvironmentVariable("MKL_CBWR") ?? "",
        Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY") ?? "",
        CpuInfo.VectorFlags);

    public JsonObject ToJson() => new()
    {
        ["device"] = Device,
        ["threads"] = Threads,
        ["mkl_cbwr"] = MklCbwr,
        ["aten_cpu_capability"] = AtenCpuCapability,
        ["cpu_vector_flags"] = CpuVectorFlags,
    };

    /// <summary>True when a snapshot's environment object was recorded in this numeric environment.</summary>
    public bool Matches(JsonNode? recorded) => recorded is JsonObject o && JsonNode.DeepEquals(o, ToJson());
}
