using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Reading;

namespace InitBias.Claims;

/// <summary>C22, App. F: without LayerNorm, and at another learning rate, the conclusions of C4-C6 stand.</summary>
public sealed class C22_LayerNormAndLearningRateDoNotMatter : Claim
{
    public override string Figure => "App. F (no figure in the main text)";
    public override string Statement =>
        "Removing LayerNorm and changing the learning rate (1e-5 to 5e-4) do not change the conclusions.";
    public override ExpectedStatus Expected => new(Ci: null, Full: Undecided);
    public override IReadOnlyList<string> RunsIn => [Profiles.Full, Profiles.Paper];
    public override IReadOnlyList<GridDeclaration> Grids =>
        [ClaimGrids.TransformerNoLayerNorm, ClaimGrids.TransformerLowLr];
    public override string Premise => "each variant's small-init model has left its plateau: acc_rsn_train > 0.5 " +
                                      "at the last evaluation (v3: both; v4: each gates its own variant's checks)";

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var withoutNorm = ctx.Read(ClaimGrids.TransformerNoLayerNorm);
        var lowLr = ctx.Read(ClaimGrids.TransformerLowLr);
        var checks = TransformerConclusions.Checks(withoutNorm, "no_layernorm")
            .Concat(TransformerConclusions.Checks(lowLr, "low_lr")).ToList();
        var metrics = new JsonObject
        {
            ["no_layernorm"] = withoutNorm.SnapshotMetrics(withoutNorm.Gammas),
            ["low_lr"] = lowLr.SnapshotMetrics(lowLr.Gammas),
        };
        // v3 (CLAIMS.md, "Rules v3"): v1's checks on variants trained to where small init leaves its plateau
        // (profiles/full.json), decided only when both variants have: the premise.
        var a = TransformerConclusions.LeftPlateau(withoutNorm, "no_layernorm");
        var b = TransformerConclusions.LeftPlateau(lowLr, "low_lr");
        var premise = new Stats.ClaimCheck("premise_variants_left_their_plateau", $"{a.Rule}; and {b.Rule}",
            Math.Max(a.Value, b.Value), a.Passed && b.Passed);
        // v4 (CLAIMS.md, "Rules v4"): each variant's premise gates only that variant's checks.
        var v4 = RuleVersion.V4("v4", checks, TransformerConclusions.Gate(a, checks, "no_layernorm"),
            TransformerConclusions.Gate(b, checks, "low_lr"));
        return Result(ctx, metrics, new RuleVersion("v1", checks), new RuleVersion("v3", checks, premise), v4);
    }
}
