using System.Text.Json;
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
    [InlineData(Profiles.Full, Profiles.Ci)]
    [InlineData(Profiles.Paper, Profiles.Paper)]
    public void VariantsChangeOneThingOfTheirBaseTransformer(string profile, string baseProfile)
    {
        var baseline = ExperimentRegistry.Get("transformer").Defaults(baseProfile);
        var noNorm = ExperimentRegistry.Get("transformer-no-ln").Defaults(profile);
        var lowLr = ExperimentRegistry.Get("transformer-low-lr").Defaults(profile);
        var nextToken = ExperimentRegistry.Get("transformer-next-token").Defaults(profile);

        Assert.All(new[] { noNorm, lowLr, nextToken }, c => Assert.Equal(profile, c.Profile));
        Assert.Equal(baseline.Model with { LayerNorm = false }, noNorm.Model);
        Assert.Equal(baseline.Train, noNorm.Train);
        Assert.Equal(baseline.Train with { BaseLr = baseline.Train.BaseLr / 5, MinLr = baseline.Train.MinLr / 5 },
            lowLr.Train);
        Assert.Equal(baseline.Model, lowLr.Model);
        Assert.Equal(baseline.Model with { LogitsAtEveryPosition = true }, nextToken.Model);
        Assert.Equal(baseline.Train with { Objective = "next-token", EvaluateLastToken = true }, nextToken.Train);
        Assert.All(new[] { noNorm, lowLr, nextToken },
            c => Assert.Equal(JsonSerializer.Serialize(baseline.Task), JsonSerializer.Serialize(c.Task)));
    }
}
