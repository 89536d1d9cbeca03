using FluentAssertions;
using InitBias.Experiments;
using InitBias.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Integration;

/// <summary>train.precision = bf16: matmuls in bfloat16, everything else float32, close to the fp32 run.</summary>
[Trait("Category", "Integration")]
public class PrecisionTests
{
    private static IReadOnlyList<MemberResult> Run(RunConfig c) => new ExperimentRunner { Device = torch.CPU }.Run([c]);

    private static RunConfig Tiny(string precision) =>
        TinyConfigs.Transformer(steps: 60) with
        {
            Train = TinyConfigs.Transformer(steps: 60).Train with { Precision = precision }
        };

    [Fact]
    public void A_bf16_run_stays_close_to_the_fp32_run_and_is_deterministic()
    {
        var fp32 = Run(Tiny(MatmulPrecision.Fp32));
        var bf16 = Run(Tiny(MatmulPrecision.Bf16));
        var again = Run(Tiny(MatmulPrecision.Bf16));
        for (int i = 0; i < fp32[0].Metrics.Count; i++)
        {
            again[0].Metrics[i].Should().Equal(bf16[0].Metrics[i]);
            foreach (var key in new[] { "loss_mem", "loss_rsn_train", "loss_rsn_test" })
                bf16[0].Metrics[i][key].Should().BeApproximately(fp32[0].Metrics[i][key],
                    0.01 * fp32[0].Metrics[i][key], $"{key} at eval {i}");
        }
        // The bf16 path is really taken: rounding to 8 mantissa bits moves the losses.
        bf16[0].Metrics[^1]["loss_mem"].Should().NotBe(fp32[0].Metrics[^1]["loss_mem"]);
    }

    [Fact]
    public void Matmul_in_bf16_rounds_operands_but_returns_float32()
    {
        using var a = tensor(new float[] { 1.0f + 1.0f / 1024, 2 }).reshape(1, 2);
        using var b = tensor(new float[] { 1, 1 }).reshape(2, 1);
        using (MatmulPrecision.Use(MatmulPrecision.Bf16))
        {
            using var y = MatmulPrecision.Matmul(a, b);
            y.dtype.Should().Be(ScalarType.Float32);
            y.item<float>().Should().Be(3.0f); // 1 + 2^-10 is not representable in bfloat16
        }
        using var exact = MatmulPrecision.Matmul(a, b);
        exact.item<float>().Should().Be(3.0f + 1.0f / 1024);
    }

    [Fact]
    public void An_unknown_precision_is_refused()
    {
        var c = Tiny("fp16");
        c.Validate().Should().Contain(m => m.Contains("precision 'fp16'"));
    }
}
