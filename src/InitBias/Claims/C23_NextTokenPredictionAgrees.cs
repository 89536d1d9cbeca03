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
    public override ExpectedStatus Expected => new(Ci: null, Full: NotReproduced);
    public override IReadOnlyList<string> RunsIn => [Profiles.Full, Profiles.Paper];
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.TransformerNextToken];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.TransformerNextToken);
        var checks = TransformerConclusions.Checks(grid, "next_token");
        return Result(ctx, checks, grid.SnapshotMetrics(grid.Gammas));
    }
}
