using FluentAssertions;
using InitBias.Runs;
using InitBias.Snapshots;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// The environment key on a GPU (run reuse and snapshots): the GPU's model, driver and libraries decide, its index
/// does not, and a GPU nvidia-smi did not name is comparable to nothing. Every snapshot records the TorchSharp and
/// libtorch versions.
/// </summary>
[Trait("Category", "Unit")]
public class GpuEnvironmentKeyTests
{
    private static readonly GpuInfo H100 = new("NVIDIA H100 80GB HBM3", "570.86", "libcublas.so.12 libcudnn.so.9",
        false, false, ":4096:8");

    private static readonly GpuInfo Unnamed = H100 with { Name = GpuInfo.Unknown, Driver = GpuInfo.Unknown };

    private static NumericEnvironment Snapshot(GpuInfo gpu) => new("cuda", 2, "AVX2", "avx2", "avx2 fma", gpu,
        TorchSharp: "0.107.0", Libtorch: "2.10.0.0");

    [Fact]
    public void Two_unknown_gpus_never_match_in_a_snapshot()
    {
        Snapshot(Unnamed).Matches(Snapshot(Unnamed).ToJson()).Should().BeFalse();
        Snapshot(H100).Matches(Snapshot(Unnamed).ToJson()).Should().BeFalse();
        Snapshot(H100).Matches(Snapshot(H100).ToJson()).Should().BeTrue();
        Snapshot(H100).Matches(Snapshot(H100 with { Driver = "575.51" }).ToJson()).Should().BeFalse();
    }

    [Fact]
    public void Every_snapshot_environment_records_the_torch_versions()
    {
        var cpu = NumericEnvironment.Current(TorchSharp.torch.CPU).ToJson();
        cpu["torchsharp"]!.GetValue<string>().Should().Be(TorchVersions.TorchSharp);
        cpu["libtorch"]!.GetValue<string>().Should().Be(TorchVersions.Libtorch);
        Snapshot(H100).ToJson()["libtorch"]!.GetValue<string>().Should().Be("2.10.0.0");
    }

    /// <summary>
    /// Committed snapshots were recorded before the versions were; they were made with the pinned versions and must
    /// keep matching this (CPU) environment, or every snapshot would be held to its verdicts only.
    /// </summary>
    [Fact]
    public void A_snapshot_recorded_without_versions_is_read_with_the_pinned_ones()
    {
        var now = NumericEnvironment.Current(TorchSharp.torch.CPU);
        var legacy = now.ToJson();
        legacy.Remove("torchsharp");
        legacy.Remove("libtorch");
        now.Matches(legacy).Should().BeTrue("the pinned versions are the ones running: " +
                                            $"{TorchVersions.TorchSharp}, {TorchVersions.Libtorch}");
        var newer = now.ToJson();
        newer["torchsharp"] = "0.108.0";
        now.Matches(newer).Should().BeFalse();
    }

    private static EnvironmentFingerprint Fingerprint(GpuInfo gpu, string device, string visible)
    {
        var cpu = EnvironmentFingerprint.Capture(TorchSharp.torch.CPU);
        var variables = cpu.Variables.ToDictionary(kv => kv.Key, kv => kv.Value);
        variables["CUDA_VISIBLE_DEVICES"] = visible;
        return cpu with { Device = device, Variables = variables, Gpu = gpu };
    }

    private static string? WhyNotReused(EnvironmentFingerprint trained, EnvironmentFingerprint now)
    {
        string dir = Directory.CreateTempSubdirectory("initbias-reuse-").FullName;
        try
        {
            var config = Integration.TinyConfigs.Transformer();
            RunFolder.Create(dir, config, trained).Dispose();
            File.WriteAllText(Path.Combine(dir, RunFolder.SummaryFile), "{\"completed\": true}");
            return RunReuse.WhyNot(dir, config, now);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void The_same_gpu_model_at_another_index_is_reused()
    {
        WhyNotReused(Fingerprint(H100, "cuda", "0"), Fingerprint(H100, "cuda:1", "1")).Should().BeNull();
        WhyNotReused(Fingerprint(H100, "cuda", "0"), Fingerprint(H100 with { Driver = "575.51" }, "cuda", "0"))
            .Should().Contain("gpu");
    }

    [Fact]
    public void A_run_on_an_unknown_gpu_is_never_reused()
    {
        WhyNotReused(Fingerprint(Unnamed, "cuda", "0"), Fingerprint(Unnamed, "cuda", "0"))
            .Should().Contain(GpuInfo.Unknown);
        WhyNotReused(Fingerprint(Unnamed, "cuda", "0"), Fingerprint(H100, "cuda", "0")).Should().Contain("gpu");
    }
}
