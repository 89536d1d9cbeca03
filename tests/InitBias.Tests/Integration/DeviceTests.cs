using FluentAssertions;
using InitBias.Experiments;
using InitBias.Pipeline;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// A device asked for is that device or one clear line, never a silent fallback to the CPU; CUDA settings are
/// explicit. (These machines have no GPU: the tests hold the CPU side of the contract.)
/// </summary>
[Trait("Category", "Integration")]
public class DeviceTests
{
    [Fact]
    public void Asking_for_cuda_without_cuda_is_one_line()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // a GPU machine runs the real thing instead
        var act = () => ClaimContext.FromEnvironment(Profiles.Ci, device: "cuda", outRoot: Path.GetTempPath());
        act.Should().Throw<ArgumentException>().WithMessage("*cuda*not available*")
            .Which.Message.Should().NotContain("\n");
    }

    [Fact]
    public void An_unknown_precision_is_refused()
    {
        Environment.SetEnvironmentVariable("INITBIAS_PRECISION", "fp8");
        try
        {
            var act = () => ClaimContext.FromEnvironment(Profiles.Ci, device: "cpu", outRoot: Path.GetTempPath());
            act.Should().Throw<ArgumentException>().WithMessage("*INITBIAS_PRECISION 'fp8'*");
        }
        finally { Environment.SetEnvironmentVariable("INITBIAS_PRECISION", null); }
    }

    [Fact]
    public void Tf32_is_off_once_cuda_settings_apply_and_a_cpu_run_records_no_gpu()
    {
        CudaSettings.Apply();
        CudaSettings.Tf32Matmul.Should().BeFalse();
        CudaSettings.Tf32Cudnn.Should().BeFalse();
        GpuInfo.Capture(TorchSharp.torch.CPU).Should().BeNull();
        var cpu = Snapshots.NumericEnvironment.Current(TorchSharp.torch.CPU).ToJson();
        cpu.Select(kv => kv.Key).Should().BeEquivalentTo("device", "threads", "mkl_cbwr", "aten_cpu_capability",
            "cpu_vector_flags", "torchsharp", "libtorch");
    }

    [Fact]
    public void A_gpu_environment_names_the_gpu_not_the_cpu_and_records_precision()
    {
        var gpu = new GpuInfo("NVIDIA H100 80GB HBM3", "570.86", "libcublas.so.12 libcudnn.so.9", false, false,
            ":4096:8");
        var json = new Snapshots.NumericEnvironment("cuda", 2, "AVX2", "avx2", "avx2 fma", gpu, "bf16").ToJson();
        json.Select(kv => kv.Key).Should().BeEquivalentTo("device", "gpu", "driver", "cuda_libraries", "tf32_matmul",
            "tf32_cudnn", "cublas_workspace_config", "precision", "torchsharp", "libtorch");
        json["gpu"]!.GetValue<string>().Should().Be("NVIDIA H100 80GB HBM3");
    }
}
