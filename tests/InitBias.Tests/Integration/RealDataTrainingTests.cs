using FluentAssertions;
using InitBias.Experiments;
using InitBias.RealData;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

[Trait("Category", "Integration")]
public sealed class RealDataTrainingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("initbias-gpt2-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static RunConfig Tiny(long seed = 1)
    {
        var c = ExperimentRegistry.Get("gpt2-mix").Defaults(Profiles.Ci);
        return ExperimentRegistry.Complete(c with
        {
            Seed = seed,
            Corpus = c.Corpus! with { Documents = 40, ContextLength = 16, EvalWindows = 16 },
            Model = c.Model with { DModel = 16, DFF = 32, Heads = 2 },
            Train = c.Train with { Steps = 30, EvalEvery = 10 },
        });
    }

    [Fact]
    public void Next_token_training_starts_near_log_vocabulary_logs_both_corpora_and_saves_the_vocabulary()
    {
        var c = Tiny();
        var dir = Path.Combine(_dir, "run");
        var result = new ExperimentRunner { Device = torch.CPU }.Run([c], [dir])[0];
        var first = result.Metrics[0];
        first["loss_pq"].Should().BeApproximately(Math.Log(c.Model.VocabSize), 0.05,
            "an untrained small-init model predicts uniformly");
        result.Metrics[^1]["loss_pq"].Should().BeLessThan(first["loss_pq"]);
        result.Metrics[^1].Keys.Should().Contain(["loss_ts", "acc_ts", "acc_pq"]).And.NotContain("loss_mem");
        VocabularyMap.Load(Path.Combine(dir, "vocab.json")).Count.Should().Be(c.Model.VocabSize);
    }

    [Fact]
    public void Same_seed_same_metrics_and_a_wrong_vocabulary_size_is_refused()
    {
        var a = new ExperimentRunner { Device = torch.CPU }.Run([Tiny()])[0].Metrics;
        var b = new ExperimentRunner { Device = torch.CPU }.Run([Tiny()])[0].Metrics;
        a.Select(r => r["loss_ts"]).Should().Equal(b.Select(r => r["loss_ts"]));
        var bad = Tiny() with { Model = Tiny().Model with { VocabSize = 100 } };
        bad.Validate().Should().Contain(m => m.Contains("compact vocabulary"));
    }
}
