using FluentAssertions;
using InitBias.Claims;
using InitBias.Experiments;
using TorchSharp;
using Xunit;

namespace InitBias.Tests.Integration;

/// <summary>
/// The paper-statement pipeline end to end at toy size: grids train, rules evaluate, figures and snapshot content
/// are written. Verdicts at this size mean nothing and are not asserted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RulePipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("initbias-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static ClaimContext Tiny(string outRoot) => new(Profiles.Ci, torch.CPU, outRoot)
    {
        Adjust = c => c with
        {
            Task = c.Task with
            {
                KeyMax = c.Experiment == "transformer" ? 30 : 40,
                SamplesPerCombination = 4,
                EvalSamplesPerGroup = 100,
            },
            Model = c.Model with { DModel = 16, DFF = 16, DK = 8 },
            Train = c.Train with { Steps = 20, EvalEvery = 10 },
            Corpus = c.Corpus is null ? null : c.Corpus with { Documents = 40, ContextLength = 16, EvalWindows = 8 },
        },
    };

    [Fact]
    public void Every_registered_rule_runs_and_writes_figures_and_snapshot_content()
    {
        var ctx = Tiny(_dir);
        foreach (var claim in ClaimRegistry.All)
        {
            var run = ClaimRunner.Run(claim, ctx);
            run.Result.Checks.Should().NotBeEmpty(claim.Id);
            run.FigureFailures.Should().BeEmpty(claim.Id);
            File.Exists(run.ResultPath).Should().BeTrue(claim.Id);
        }
        foreach (var f in Figures.ClaimFigures.Files.Values.SelectMany(f => f).Distinct())
        {
            new FileInfo(Path.Combine(_dir, "figures", f + ".png")).Length.Should().BeGreaterThan(1000, f);
            File.ReadAllText(Path.Combine(_dir, "figures", f + ".svg")).Should().Contain("<svg");
        }
    }

    [Fact]
    public void A_figure_that_fails_is_reported_and_leaves_the_verdict_alone()
    {
        string root = Path.Combine(_dir, "broken");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "figures"), "a file where the figures folder should be");
        var ctx = Tiny(root);
        var claim = ClaimRegistry.Get("C07");
        var run = ClaimRunner.Run(claim, ctx);
        run.FigureFailures.Should().ContainSingle().Which.Should().Contain("emb-mlp-grid")
            .And.Contain("verdict stands");
        claim.Run(ctx).Verdict.Should().Be(run.Result.Verdict);
    }
}
