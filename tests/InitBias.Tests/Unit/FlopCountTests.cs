using FluentAssertions;
using InitBias.Benchmarks;
using InitBias.Experiments;
using Xunit;

namespace InitBias.Tests.Unit;

[Trait("Category", "Unit")]
public class FlopCountTests
{
    [Fact]
    public void Transformer_step_counts_every_matmul_by_hand()
    {
        var c = ExperimentRegistry.Get("transformer").Defaults(Profiles.Ci);
        // b=100, L=9, d=128, k=64, f=384, V=201, 2 layers; the top layer computes the last position only.
        double layer = 3 * 2 * 900.0 * 128 * 64 + 2 * 2 * 100.0 * 81 * 64 + 2 * 900.0 * 64 * 128
                       + 2 * 2 * 900.0 * 128 * 384;
        double top = 2 * 2 * 900.0 * 128 * 64 + 2 * 100.0 * 128 * 64 + 2 * 2 * 100.0 * 9 * 64 + 2 * 100.0 * 64 * 128
                     + 2 * 2 * 100.0 * 128 * 384;
        double forward = layer + top + 2 * 100.0 * 128 * 201;
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
    public void Gpt2_mix_step_counts_attention_mlp_and_head_at_every_position()
    {
        var c = ExperimentRegistry.Get("gpt2-mix").Defaults(Profiles.Ci);
        double b = c.Train.BatchSize, t = c.Corpus!.ContextLength, d = c.Model.DModel, f = c.Model.DFF,
            v = c.Model.VocabSize;
        double layer = 8 * b * t * d * d + 4 * b * t * t * d + 4 * b * t * d * f;
        FlopCount.Forward(c).Should().Be(c.Model.Layers * layer + 2 * b * t * d * v);
        FlopCount.TokensPerStep(c).Should().Be(b * t);
    }

    [Fact]
    public void Bench_report_json_has_the_documented_keys()
    {
        var r = new ThroughputResult("x", "transformer", "fp32", 8, 128, 100, 1, 2, 3, 0.5, 0.1, 0.9, 0.1,
            new PhaseSeconds(0, 1, 0, 0, 0, 0, 0, 0));
        var json = new BenchReport("cpu", 2, "cpu", "family 25 model 1", "avx2 fma", false, true, 180, 3, [r],
            1.9, 4.1).ToJson();
        string[] keys =
        [
            "matmul_peak_gflops", "matmul_peak_bf16_gflops", "steps_per_s", "achieved_gflops", "ratio_to_fp32_peak",
            "ratio_to_bf16_peak", "user_seconds_per_step", "system_seconds_per_step", "ensemble_speedup",
            "tokens_per_s", "threads", "device", "native_bf16", "allocator_tunables", "precision", "cpu_vector_flags",
        ];
        foreach (var key in keys)
            json.Should().Contain($"\"{key}\"");
    }

    /// <summary>docs/cuda.md's paper-profile table ("What the paper profile costs") is what
    /// `initbias bench --flop-table paper` prints.</summary>
    [Fact]
    public void The_docs_gpu_table_is_the_flop_table_of_the_paper_profile()
    {
        var page = File.ReadAllText(Path.Combine(Repository.Root()!, "docs", "cuda.md"));
        page.Should().Contain(InitBias.Benchmarks.FlopTable.Markdown(Experiments.Profiles.Paper),
            "regenerate it with `initbias bench --flop-table paper`");
    }
}
