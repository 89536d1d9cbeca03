using FluentAssertions;
using InitBias.Benchmarks;
using InitBias.Experiments;
using Xunit;

namespace InitBias.Tests.Unit;

public class FlopCountTests
{
    [Fact]
    public void Transformer_step_counts_every_matmul_by_hand()
    {
        var c = ExperimentRegistry.Get("transformer").Defaults(Profiles.Ci);
        // b=100, L=9, d=128, k=64, f=384, V=201, 2 layers.
        double layer = 3 * 2 * 900.0 * 128 * 64 + 2 * 2 * 100.0 * 81 * 64 + 2 * 900.0 * 64 * 128 + 2 * 2 * 900.0 * 128 * 384;
        double forward = 2 * layer + 2 * 100.0 * 128 * 201;
        FlopCount.Forward(c).Should().Be(forward);
        FlopCount.TrainingStep(c, members: 8).Should().Be(3 * 8 * forward);
    }

    [Fact]
    public void Emb_mlp_step_is_two_matmuls()
    {
        var c = ExperimentRegistry.Get("emb-mlp").Defaults(Profiles.Ci);
        FlopCount.Forward(c).Should().Be(2 * 100.0 * 200 * 200 + 2 * 100.0 * 200 * 201);
    }

    [Fact]
    public void Bench_report_json_has_the_documented_keys()
    {
        var r = new ThroughputResult("x", "transformer", 8, 128, 100, 1, 2, 3, 0.5, new Dictionary<string, double> { ["forward"] = 1 });
        var json = new BenchReport("cpu", 2, "cpu", 180, [r], 1.9, 4.1).ToJson();
        foreach (var key in new[] { "matmul_peak_gflops", "steps_per_s", "achieved_gflops", "ratio_to_peak", "ensemble_speedup", "tokens_per_s", "threads", "device" })
            json.Should().Contain($"\"{key}\"");
    }
}
