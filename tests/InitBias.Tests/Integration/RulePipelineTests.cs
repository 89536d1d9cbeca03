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
        foreach (var f in new[]
                 {
                     "fig3a_transformer_losses", "fig3b_emb_mlp_losses", "fig4a_emb_mlp_cosines",
                     "fig4bc_label_distributions", "fig5a_transformer_cosines", "fig5b_transformer_pca",
                     "fig5c_theory_vs_trained", "fig5d_theory_pca", "fig6_first_layer", "fig_c20_effective_rank",
                     "fig8_right_label_groups", "fig8_left_structured_memory", "fig1_gpt2_mixture_losses",
                     "fig7a_delta_l_vs_gamma", "fig7b_token_cosines", "fig3a_transformer_no_ln_losses",
                     "fig3a_transformer_low_lr_accuracy", "fig3a_transformer_next_token_losses",
                 })
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
