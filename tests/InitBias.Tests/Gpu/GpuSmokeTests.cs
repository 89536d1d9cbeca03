using FluentAssertions;
using InitBias.Experiments;
using InitBias.Tests.Integration;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Gpu;

/// <summary>
/// The first step of the gpu job, before hours of claims: the device is CUDA and what docs/cuda.md promises of it
/// holds at toy size. Twenty steps of a two-member tiny transformer twice on CUDA are bitwise equal (every draw on
/// the CPU, the one-hot embedding backward, cuBLAS's fixed workspace); against the same run on the CPU every loss
/// agrees within 1e-4 relative (other kernels, other summation orders: fp32 rounding after 20 steps, not a
/// different computation); the GPU is named (nvidia-smi answered) and TF32 is off. Skipped without a GPU unless
/// INITBIAS_DEVICE=cuda (GpuFactAttribute).
/// </summary>
[Trait("Category", "Gpu")]
public class GpuSmokeTests
{
    private const double CpuTolerance = 1e-4;

    private static IReadOnlyList<MemberResult> Run(torch.Device device)
    {
        var train = TinyConfigs.Transformer().Train with { Steps = 20, EvalEvery = 10 };
        RunConfig[] members =
        [
            TinyConfigs.Transformer(gamma: 0.5, seed: 1) with { Train = train },
            TinyConfigs.Transformer(gamma: 0.8, seed: 2) with { Train = train },
        ];
        return new ExperimentRunner { Device = device }.Run(members);
    }

    [GpuFact]
    public void Twenty_cuda_steps_are_bitwise_reproducible_and_match_the_cpu()
    {
        var cuda = TorchRuntime.ResolveDevice("cuda"); // also applies CudaSettings (TF32 off)
        var a = Run(cuda);
        var b = Run(cuda);
        var cpu = Run(torch.CPU);
        for (int m = 0; m < a.Count; m++)
        {
            a[m].Metrics.Should().HaveCount(3);
            for (int i = 0; i < a[m].Metrics.Count; i++)
            {
                a[m].Metrics[i].Should().Equal(b[m].Metrics[i], $"rerun on CUDA, member {m}, eval {i}");
                foreach (var (k, v) in cpu[m].Metrics[i].Where(kv => kv.Key.Contains("loss")))
                    a[m].Metrics[i][k].Should().BeApproximately(v, CpuTolerance * Math.Max(1, Math.Abs(v)),
                        $"CUDA against CPU: {k}, member {m}, eval {i}");
            }
        }
    }

    [GpuFact]
    public void The_gpu_is_named_and_tf32_is_off()
    {
        var cuda = TorchRuntime.ResolveDevice("cuda");
        using (var probe = torch.ones(2, device: cuda)) probe.device.type.Should().Be(DeviceType.CUDA);
        var gpu = GpuInfo.Capture(cuda)!;
        gpu.Name.Should().NotBe(GpuInfo.Unknown, "nvidia-smi must name the GPU (the environment key needs it)");
        gpu.Driver.Should().NotBe(GpuInfo.Unknown);
        gpu.Tf32Matmul.Should().BeFalse();
        gpu.Tf32Cudnn.Should().BeFalse();
        gpu.CublasWorkspaceConfig.Should().Be(":4096:8");
    }
}
