using FluentAssertions;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Reading;
using InitBias.Runs;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// docs/probes.md's worked example (ProbeTemplate/AnchorNormsProbe.cs, one file) recorded by a grid that names it
/// in its declaration and nowhere else, and read back through the grid's reader: the probe mechanism needs nothing
/// more of a new probe.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProbeTemplateTests : TempFolderTest
{
    [Fact]
    public void The_template_probe_records_its_section_and_reads_back()
    {
        // The line a probe adds to Grids/ClaimGrids.cs, here beside the anchors probe that it is checked against.
        var declaration = new GridDeclaration("emb-mlp", [Gamma.SmallInit],
            [new AnchorEmbeddingsSpec(AnchorSteps.EmbMlpCheckpoints), new AnchorNormsSpec(20)]);
        var ctx = new TrainingContext(Profiles.Ci, torch.CPU, Dir) { Adjust = TinyConfigs.EmbMlpAdjust(20) };
        var trained = GridTraining.Ensure(declaration, ctx);
        var grid = GridReader.Open(declaration, trained.Folder, ctx.Seeds, ctx.ConfigOf("emb-mlp"), Profiles.Ci);
        foreach (var s in grid.Seeds)
        {
            foreach (int step in new[] { 0, 20 })
            {
                var norms = grid.Section(Gamma.SmallInit, s, step, AnchorNorms.Section);
                var rows = grid.AnchorRows(Gamma.SmallInit, s, step);
                norms.FirstToken.Should().Be(1);
                norms.Norms.Should().HaveCount(rows.Length);
                for (int i = 0; i < rows.Length; i++)
                    norms.Norms[i].Should().BeApproximately(Math.Sqrt(rows[i].Sum(x => x * x)), 1e-6 * norms.Norms[i]);
            }
            // Every 20 steps: at step 10 the anchors recorded (epoch 1), the norms did not.
            grid.ProbeAt(Gamma.SmallInit, s, 10).Get(AnchorNorms.Section).Should().BeNull();
            grid.ProbeAt(Gamma.SmallInit, s, 10).Anchors.Should().NotBeNull();
        }
        var line = File.ReadLines(Path.Combine(grid.Dir(Gamma.SmallInit, grid.Seeds[0]), ProbeFile.File)).First();
        line.Should().StartWith("{\"step\":0,\"anchors\":{").And.Contain(",\"anchor_norms\":{\"first_token\":1,")
            .And.EndWith("]},\"is_empty\":false}");
    }
}
