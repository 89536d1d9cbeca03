using FluentAssertions;
using InitBias.Experiments;
using InitBias.Models;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// CUDA runs have their parameters and data on the GPU; a tensor made inside forward, backward, the optimiser, the
/// clip or the evaluation without naming a device lands on torch's default device instead, which on the CPU is the
/// right one by luck. Here the model and data are on the CPU and the default device is meta: such a tensor lands on
/// meta and the first op that mixes it with a CPU tensor, or reads it out, throws. Everything runs, readouts
/// included, because the real tensors are on the CPU; the metrics must equal those of the same run with the CPU as
/// the default device.
/// </summary>
[Trait("Category", "Integration")]
public class MetaDefaultDeviceTrainingTests
{
    public static TheoryData<string> Models() => ["transformer", "emb-mlp", "gpt2-mix"];

    private static RunConfig[] Members(string model) => model switch
    {
        "transformer" =>
        [
            TinyConfigs.Transformer(steps: 6, gamma: 0.5, seed: 1) with
            {
                Train = TinyConfigs.Transformer().Train with { Steps = 6, EvalEvery = 3 }
            },
            TinyConfigs.Transformer(steps: 6, gamma: 0.8, seed: 2) with
            {
                Train = TinyConfigs.Transformer().Train with { Steps = 6, EvalEvery = 3 }
            },
        ],
        "emb-mlp" => [TinyConfigs.EmbMlp(steps: 6) with { Train = TinyConfigs.EmbMlp().Train with
        {
            Steps = 6, EvalEvery = 3
        } }],
        _ => [TinyConfigs.Gpt2Mix(steps: 6) with { Train = TinyConfigs.Gpt2Mix(6).Train with { EvalEvery = 3 } }],
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Training_creates_no_tensor_on_the_default_device(string model)
    {
        var members = Members(model);
        var cpu = EnsembleTraining.Run(members);
        var meta = EnsembleTraining.Run(members, DefaultDevice.MetaScope);
        meta.Select(r => r.Step).Should().Equal(cpu.Select(r => r.Step)).And.Equal(0, 3, 6);
        for (int i = 0; i < cpu.Count; i++)
            for (int m = 0; m < members.Length; m++)
                meta[i].Members[m].Should().Equal(cpu[i].Members[m], $"member {m} at step {cpu[i].Step}");
    }

    /// <summary>The lookup CUDA uses (one-hot matmul), forced on, under the same meta default device.</summary>
    [Fact]
    public void The_one_hot_lookup_creates_no_tensor_on_the_default_device()
    {
        var members = Members("transformer");
        var records = EnsembleTraining.Run(members, () => new Both(DefaultDevice.MetaScope(),
            StackedEmbedding.ForceOneHot()));
        records.Select(r => r.Step).Should().Equal(0, 3, 6);
    }

    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose()
        {
            b.Dispose();
            a.Dispose();
        }
    }
}
