using FluentAssertions;
using InitBias.Experiments;
using InitBias.Tasks;
using InitBias.Theory;
using Xunit;
using Xunit.Abstractions;

namespace InitBias.Tests.Unit;

/// <summary>
/// C18's design against Prop. 1: with groups as blocks of ordered pairs (the first design) an anchor's labels come
/// from several ranges and Prop. 1 itself sends a large share of group 1's outputs outside its range; with four
/// disjoint anchor subsets (v3) almost none.
/// </summary>
[Trait("Category", "Unit")]
public class LabelRangePredictionTests(ITestOutputHelper output)
{
    private double[] Predict(string experiment)
    {
        var c = ExperimentRegistry.Resolve(experiment, Profiles.Ci) with { Seed = 1 };
        var shares = LabelRangePrediction.MassOutsideRange(CompositionTask.Generate(c.Task, c.DataSeed), c.Task,
            c.Model.VocabSize);
        output.WriteLine($"{experiment}: {string.Join(", ", shares.Select(s => s.ToString("0.000")))}");
        return shares;
    }

    [Fact]
    public void Prop1_sends_group_1_out_of_range_in_the_block_design_and_not_in_the_disjoint_one()
    {
        Predict("label-groups")[0].Should().BeGreaterThan(0.15);
        Predict("label-groups-disjoint").Should().OnlyContain(s => s < 0.1);
    }
}
