using InitBias.Claims.Grids;
using InitBias.Experiments;

namespace InitBias.Claims;

/// <summary>C23, conclusion: trained with next-token loss on every position, the anchor task shows C4-C6.</summary>
public sealed class C23_NextTokenPredictionAgrees : Claim
{
    public override string Figure => "Conclusion (no figure)";
    public override string Statement =>
        "The same analysis carries over to next-token-prediction training (all positions) with similar results.";
    public override ExpectedStatus Expected => new(Ci: null, Full: false);
    public override IReadOnlyList<string> RunsIn => [Profiles.Full, Profiles.Paper];

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = VariantGrids.NextToken(ctx);
        var checks = TransformerConclusions.Checks(grid, "next_token");
        return Result(ctx, checks, grid.SnapshotMetrics(VariantGrids.Gammas));
    }
}
