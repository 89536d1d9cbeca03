using FluentAssertions;
using InitBias.Claims;
using InitBias.Stats;
using Xunit;

namespace InitBias.Tests.Unit;

/// <summary>
/// v4's premise semantics (CLAIMS.md, "Rules v4"): a premise gates only the checks about its state; the verdict is
/// undecided only when an undecided check could change it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PremiseSemanticsTests
{
    private static ClaimCheck Check(string name, bool passed) => new(name, "rule", 0, passed);

    private static ClaimCheck[] C22Checks(bool lowLrPasses) =>
    [
        Check("no_layernorm_held_out_reasoning_ahead_at_0.8", false),
        Check("no_layernorm_bias_0.8_above_0.3", false),
        Check("no_layernorm_held_out_accuracy_near_zero_at_0.3", true),
        Check("low_lr_held_out_reasoning_ahead_at_0.8", lowLrPasses),
        Check("low_lr_bias_0.8_above_0.3", true),
        Check("low_lr_held_out_accuracy_near_zero_at_0.3", true),
    ];

    private static RuleVersion C22V4(bool noLnPremise, bool lowLrPremise, bool lowLrPasses)
    {
        var checks = C22Checks(lowLrPasses);
        return RuleVersion.V4("v4", checks,
            TransformerConclusions.Gate(Check("premise_no_layernorm_left_its_plateau", noLnPremise), checks,
                "no_layernorm"),
            TransformerConclusions.Gate(Check("premise_low_lr_left_its_plateau", lowLrPremise), checks, "low_lr"));
    }

    [Fact]
    public void A_premise_failing_for_one_variant_of_C22_leaves_the_other_variants_checks_decided()
    {
        // The no-LayerNorm premise fails: its two failing checks are undecided, not failures.
        var rule = C22V4(noLnPremise: false, lowLrPremise: true, lowLrPasses: true);
        Verdicts.Undecided(rule.Gated).Should().BeEquivalentTo(C22Checks(true).Take(3).Select(c => c.Name));
        rule.Status.Should().Be(ClaimStatus.Undecided, "every decided check passes; the undecided ones could fail");
        // The low-lr variant's checks are still decided: one of them failing decides the claim.
        C22V4(noLnPremise: false, lowLrPremise: true, lowLrPasses: false).Status.Should()
            .Be(ClaimStatus.NotReproduced);
    }

    [Fact]
    public void Until_v4_a_failed_premise_overrode_every_check()
    {
        var checks = C22Checks(lowLrPasses: false);
        new RuleVersion("v3", checks, Check("premise_both", false)).Status.Should().Be(ClaimStatus.Undecided);
        C22V4(noLnPremise: true, lowLrPremise: true, lowLrPasses: true).Status.Should()
            .Be(ClaimStatus.NotReproduced, "with both premises held the no-LayerNorm failures decide");
    }

    [Fact]
    public void A_premise_that_gates_a_check_the_rule_lacks_is_an_error()
    {
        var act = () => RuleVersion.V4("v4", [Check("a", true)], new GatedPremise(Check("p", true), ["b"]));
        act.Should().Throw<ArgumentException>().WithMessage("*gates 'b'*");
    }
}
