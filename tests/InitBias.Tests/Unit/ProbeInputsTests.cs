using FluentAssertions;
using InitBias.Experiments;
using InitBias.Probes.Recording;
using InitBias.Tasks;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// The mechanism probe's inputs cover every anchor pair of their group. The sample it replaced, the first 250 of the
/// sorted evaluation indices, saw only the first few pairs, because samples are generated pair by pair.
/// </summary>
[Trait("Category", "Unit")]
public class ProbeInputsTests
{
    private static readonly TaskData Data = CompositionTask.Generate(
        ExperimentRegistry.Resolve("transformer", Profiles.Ci).Task, Rng.Derive(1, "data"));

    private static HashSet<(long, long)> Pairs(IEnumerable<int> indices) => indices.Select(i =>
    {
        var row = Data.Sample(i);
        int p = Data.KeyPositions[i];
        return (row[p + 1], row[p + 2]);
    }).ToHashSet();

    [Theory]
    [InlineData(EvalGroup.Mem, 100)]
    [InlineData(EvalGroup.RsnTrain, 98)]
    public void A_stratified_sample_of_250_sees_every_anchor_pair(EvalGroup group, int pairs)
    {
        Pairs(Data.EvalIndices[group]).Should().HaveCount(pairs, "the evaluation subset holds every pair");
        var sample = ProbeInputs.Stratified(Data, group, 250, seed: 7);
        sample.Should().HaveCount(250).And.OnlyHaveUniqueItems().And.BeSubsetOf(Data.EvalIndices[group]);
        Pairs(sample).Should().HaveCount(pairs);
        // A linear probe fits on the even positions and scores the odd ones: each half sees every pair.
        Pairs(sample.Where((_, k) => k % 2 == 0)).Should().HaveCount(pairs);
        Pairs(sample.Where((_, k) => k % 2 == 1)).Should().HaveCount(pairs);
        // The old sample: the first 250 sorted indices, a handful of pairs.
        Pairs(Data.EvalIndices[group].Take(250)).Count.Should().BeLessThan(pairs / 4);
    }

    [Fact]
    public void The_sample_is_seeded()
    {
        ProbeInputs.Stratified(Data, EvalGroup.Mem, 250, 7).Should()
            .Equal(ProbeInputs.Stratified(Data, EvalGroup.Mem, 250, 7))
            .And.NotEqual(ProbeInputs.Stratified(Data, EvalGroup.Mem, 250, 8));
    }
}
