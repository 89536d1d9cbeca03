using FluentAssertions;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes.Recording;
using InitBias.Reading;
using InitBias.Runs;
using InitBias.Tasks;
using InitBias.Theory;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// Issue 32: what C10, C12 and C18 computed at read time (first-step gradients on fresh models, label distributions
/// from regenerated data) the run now records at step 0. The recorded values, read back from probe.jsonl as the rules
/// read them, equal the read-time computation bit for bit on the same config, seed, init stream and data.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RecordedAtStepZeroTests : TempFolderTest
{
    private static readonly long[] Seeds = [1, 2];

    /// <summary>Trains the members (γ × Seeds) of a grid declaration's experiment with its probes into Dir.</summary>
    private GridReader Train(GridDeclaration grid, RunConfig config)
    {
        var members = grid.Gammas.SelectMany(g => Seeds.Select(s => config with { Gamma = g, Seed = s })).ToList();
        var dirs = members.Select(m => Path.Combine(Dir, RunFolder.MemberName(m.Gamma, m.Seed))).ToList();
        new ExperimentRunner
        {
            Device = torch.CPU,
            Probes = ProbeRecorder.For(grid.Probes, dirs, members, Profiles.Ci),
        }.Run(members, dirs);
        return GridReader.Open(grid, Dir, Seeds, config, Profiles.Ci);
    }

    /// <summary>The anchors 1..20 the rules read (TaskBlocks.Anchors).</summary>
    private static int[] Anchors(RunConfig c)
    {
        var a = c.Task.Anchors();
        return [.. Enumerable.Range(a.First, a.Count)];
    }

    [Fact]
    public void The_emb_mlp_records_c10s_first_step_and_label_distributions_as_they_were_read()
    {
        var config = TinyConfigs.EmbMlp(steps: 20);
        var grid = Train(ClaimGrids.EmbMlp, config);
        foreach (var g in grid.Gammas)
            foreach (var s in Seeds)
            {
                var c = config with { Gamma = g, Seed = s };
                var first = grid.FirstStep(g, s);
                var recorded = VelocityAgreement.Of(first.FirstToken, first.Velocity, first.Prop1!);
                recorded.Should().Equal(ReadTimeReference.FirstStepVelocity(c, torch.CPU, Anchors(c)));

                var counted = LabelDistribution.FromData(ExperimentRegistry.Get(c.Experiment).BuildData(c),
                    Anchors(c), c.Model.VocabSize);
                var read = grid.LabelDistributions(g, s);
                read.Select(d => d.Token).Should().Equal(counted.Select(d => d.Token));
                read.Select(d => d.Share).Should().Equal(counted.Select(d => d.Share));
                for (int k = 0; k < read.Count; k++) read[k].P.Should().Equal(counted[k].P);
            }
        int step = ClaimGrids.EmbMlpFirstUpdateStep(config);
        foreach (var s in Seeds)
        {
            var (labels, updates) = LabelCosines.Of(grid, s, step);
            var (oldLabels, oldUpdates) = ReadTimeReference.LabelCosines(grid, s, step);
            labels.Should().BeEquivalentTo(oldLabels, o => o.WithStrictOrdering());
            updates.Should().BeEquivalentTo(oldUpdates, o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void The_transformer_records_c12s_first_step_gradients_as_they_were_read()
    {
        var config = TinyConfigs.Transformer(steps: 20);
        var declaration = new GridDeclaration("transformer", Gamma.LargeAndSmall,
            [.. ClaimGrids.Transformer.Probes.OfType<FirstStepSpec>()]);
        var grid = Train(declaration, config);
        foreach (var s in Seeds)
        {
            var c = config with { Gamma = Gamma.SmallInit, Seed = s };
            var first = grid.FirstStep(Gamma.SmallInit, s);
            foreach (var (recorded, layerNorm) in new[]
                     { (first.Velocity, true), (first.VelocityWithoutLayerNorm!, false) })
            {
                var read = FirstStepGradients.Velocities(c with { Model = c.Model with { LayerNorm = layerNorm } },
                    torch.CPU, Anchors(c));
                recorded.Should().HaveCount(read.Length);
                for (int i = 0; i < read.Length; i++) recorded[i].Should().Equal(read[i], $"LayerNorm {layerNorm}");
            }
            // C12 reads γ 0.8 only: the large-init members record nothing, and say so when read.
            var large = () => grid.FirstStep(Gamma.LargeInit, s);
            large.Should().Throw<InvalidOperationException>().WithMessage("*no first-step gradients at step 0*");
        }
    }

    [Fact]
    public void The_disjoint_label_groups_record_c18s_prediction_as_it_was_read()
    {
        var config = ExperimentRegistry.Resolve("label-groups-disjoint", Profiles.Ci, TinyConfigs.Claims);
        var grid = Train(ClaimGrids.LabelGroupsDisjoint, config);
        foreach (var s in Seeds)
        {
            var c = config with { Gamma = Gamma.SmallInit, Seed = s };
            grid.Prop1ShareOutsideRange(Gamma.SmallInit, s).Should().Equal(LabelRangePrediction.MassOutsideRange(
                ExperimentRegistry.Get(c.Experiment).BuildData(c), c.Task, c.Model.VocabSize));
        }
        // A folder without the step-0 record (older code, or no probes) is refused with what to do.
        var missing = () => grid.FirstStep(Gamma.SmallInit, Seeds[0]);
        missing.Should().Throw<InvalidOperationException>().WithMessage("*at step 0*--retrain*");
    }
}
