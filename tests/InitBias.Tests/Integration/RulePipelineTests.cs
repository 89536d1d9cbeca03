using FluentAssertions;
using InitBias.Claims;
using InitBias.Experiments;
using InitBias.Pipeline;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// The paper-statement pipeline end to end at toy size: grids train, rules evaluate, figures and snapshot content
/// are written, in every profile whose claim seeds differ (ci: 1-8, full: its own). Verdicts at this size mean
/// nothing and are not asserted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RulePipelineTests : TempFolderTest
{
    private static ClaimContext Tiny(string profile, string outRoot) =>
        new(profile, torch.CPU, outRoot) { Adjust = TinyConfigs.Claims };

    [Theory]
    [InlineData(Profiles.Ci)]
    [InlineData(Profiles.Full)]
    public void Every_registered_rule_runs_and_writes_figures_and_snapshot_content(string profile)
    {
        var ctx = Tiny(profile, Path.Combine(Dir, profile));
        foreach (var claim in ClaimRegistry.All)
        {
            var run = ClaimRunner.Run(claim, ctx);
            run.Result.Checks.Should().NotBeEmpty(claim.Id);
            run.FigureFailures.Should().BeEmpty(claim.Id);
            File.Exists(run.ResultPath).Should().BeTrue(claim.Id);
        }
        foreach (var f in Figures.ClaimFigures.Files.Values.SelectMany(f => f).Distinct())
        {
            new FileInfo(Path.Combine(ctx.OutRoot, "figures", f + ".png")).Length.Should().BeGreaterThan(1000, f);
            File.ReadAllText(Path.Combine(ctx.OutRoot, "figures", f + ".svg")).Should().Contain("<svg");
        }
    }

    [Fact]
    public void A_figure_that_fails_is_reported_and_leaves_the_verdict_alone()
    {
        string root = Path.Combine(Dir, "broken");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "figures"), "a file where the figures folder should be");
        var ctx = Tiny(Profiles.Ci, root);
        var claim = ClaimRegistry.Get("C07");
        var run = ClaimRunner.Run(claim, ctx);
        run.FigureFailures.Should().ContainSingle().Which.Should().Contain("emb-mlp-grid")
            .And.Contain("verdict stands");
        claim.Evaluate(ctx.ForReading()).Verdict.Should().Be(run.Result.Verdict);
    }

    [Fact]
    public void A_claim_reads_only_the_grids_it_declares()
    {
        var ctx = Tiny(Profiles.Ci, Path.Combine(Dir, "declared"));
        ClaimRunner.Run(ClaimRegistry.Get("C07"), ctx);
        var onlyTransformer = ctx.ForReading().Only([Grids.ClaimGrids.Transformer]);
        var act = () => ClaimRegistry.Get("C07").Evaluate(onlyTransformer);
        act.Should().Throw<InvalidOperationException>().WithMessage("*emb-mlp grid*not declared*");
    }
}
