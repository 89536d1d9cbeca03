using FluentAssertions;
using InitBias.Experiments;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// The C22/C23 variants are the transformer with exactly one change, at the length CLAIMS.md registers.
/// </summary>
[Trait("Category", "Unit")]
public class VariantConfigTests
{
    [Theory]
    [InlineData(Profiles.Ci, Profiles.Ci)]
    [InlineData(Profiles.Full, Profiles.Full)]
    [InlineData(Profiles.Paper, Profiles.Paper)]
    public void Variants_change_one_thing_of_their_base_transformer(string profile, string baseProfile)
    {
        var baseline = ExperimentRegistry.Get("transformer").Defaults(baseProfile);
        var noNorm = ExperimentRegistry.Get("transformer-no-ln").Defaults(profile);
        var lowLr = ExperimentRegistry.Get("transformer-low-lr").Defaults(profile);
        var nextToken = ExperimentRegistry.Get("transformer-next-token").Defaults(profile);

        new[] { noNorm, lowLr, nextToken }.Should().OnlyContain(c => c.Profile == profile);
        noNorm.Model.Should().Be(baseline.Model with { LayerNorm = false });
        noNorm.Train.Should().Be(baseline.Train);
        lowLr.Train.Should().Be(
            baseline.Train with { BaseLr = baseline.Train.BaseLr / 5, MinLr = baseline.Train.MinLr / 5 });
        lowLr.Model.Should().Be(baseline.Model);
        nextToken.Model.Should().Be(baseline.Model with { LogitsAtEveryPosition = true });
        nextToken.Train.Should().Be(baseline.Train with { Objective = "next-token", EvaluateLastToken = true });
        foreach (var c in new[] { noNorm, lowLr, nextToken })
            Json.Serialize(c.Task).Should().Be(Json.Serialize(baseline.Task));
    }
}
