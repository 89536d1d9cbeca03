using InitBias.Experiments;
using InitBias.Grids;
using InitBias.Reading;

namespace InitBias.Claims;

/// <summary>C23, conclusion: trained with next-token loss on every position, the anchor task shows C4-C6.</summary>
public sealed class C23_NextTokenPredictionAgrees : Claim
{
    public override string Figure => "Conclusion (no figure)";
    public override string Statement =>
        "The same analysis carries over to next-token-prediction training (all positions) with similar results.";
    public override ExpectedStatus Expected => new(Ci: null, Full: Undecided);
    public override IReadOnlyList<string> RunsIn => [Profiles.Full, Profiles.Paper];
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.TransformerNextToken];
    public override string Premise => "the variant's small-init model has left its plateau: acc_rsn_train > 0.5 " +
                                      "at the last evaluation (v3)";

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.TransformerNextToken);
        var checks = TransformerConclusions.Checks(grid, "next_token");
        // v3 (CLAIMS.md, "Rules v3"): v1's checks on a variant trained to where small init leaves its plateau
        // (profiles/full.json), decided only when it has: the premise.
        var premise = TransformerConclusions.LeftPlateau(grid, "next_token");
        // v4 (CLAIMS.md, "Rules v4"): the same checks; the premise gates all three (they are about that state).
        return Result(ctx, grid.SnapshotMetrics(grid.Gammas), new RuleVersion("v1", checks),
            new RuleVersion("v3", checks, premise),
            RuleVersion.V4("v4", checks, new GatedPremise(premise, checks.Select(c => c.Name).ToList())));
    }
}
