using FluentAssertions;
using InitBias.Experiments;
using InitBias.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace InitBias.Tests.Unit;

/// <summary>
/// Module.to(device) replaces each parameter by a new one and swaps the module's fields to it. On the CPU a move to
/// the CPU is a no-op, so nothing here ever ran that path; a CUDA run does, and a probe that then reads a weight
/// through a handle kept from before the move would read the stale CPU copy, never trained. A dtype move takes the
/// same path on the CPU: afterwards every weight the probes read (Weight(name) over WeightNames, which goes through
/// StackedLinear.Weight and StackedEmbedding.Weight) must be a registered parameter, the same storage as
/// named_parameters() holds.
/// </summary>
[Trait("Category", "Unit")]
public class ModuleMoveTests
{
    public static TheoryData<string> Models() => ["transformer", "emb-mlp", "gpt2-mix"];

    private static IEnsembleModel Build(string experiment)
    {
        var config = experiment switch
        {
            "transformer" => Integration.TinyConfigs.Transformer(),
            "emb-mlp" => Integration.TinyConfigs.EmbMlp(),
            _ => Integration.TinyConfigs.Gpt2Mix(1),
        };
        return ExperimentRegistry.Get(experiment).BuildModel(config.Model, 2);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Weights_read_by_name_are_the_registered_parameters_after_a_move(string experiment)
    {
        var model = Build(experiment);
        using var module = (IDisposable)model.Module;
        model.Module.to(ScalarType.Float64);
        var registered = model.Module.named_parameters().ToList();
        registered.Should().OnlyContain(p => p.parameter.dtype == ScalarType.Float64);
        model.WeightNames.Should().NotBeEmpty();
        using var _ = no_grad();
        foreach (var (name, p) in registered) p.zero_();
        // Shared storage shows by writing: a value written through the weight must appear in a registered parameter.
        for (int i = 0; i < model.WeightNames.Count; i++)
        {
            string name = model.WeightNames[i];
            var w = model.Weight(name);
            w.dtype.Should().Be(ScalarType.Float64, $"{name} must be the moved parameter");
            w.fill_(i + 1.0);
            double marker = i + 1.0;
            registered.Count(p => p.parameter.shape.SequenceEqual(w.shape) && p.parameter.eq(marker).all().item<bool>())
                .Should().Be(1, $"{name} must share storage with exactly one registered parameter");
        }
    }
}
