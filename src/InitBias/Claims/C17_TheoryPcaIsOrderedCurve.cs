using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;

namespace InitBias.Claims;

/// <summary>C17, Fig. 5D: PCA of eq. 14's theoretical embeddings is an ordered 1-D curve.</summary>
public sealed class C17_TheoryPcaIsOrderedCurve : Claim
{
    public override string Figure => "Fig. 5D";
    public override string Statement =>
        "PCA of eq. 14's theoretical embeddings, for the reasoning anchors and for the keys, is an ordered 1-D curve.";
    public override ExpectedStatus Expected => new(Ci: NotReproduced, Full: Reproduced, Paper: Reproduced);
    /// <summary>None: eq. 14 at the transformer's width and key range, no training.</summary>
    public override IReadOnlyList<GridDeclaration> Grids => [];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var seeds = ctx.Seeds;
        var reasoning = SeedSeries.Of(seeds, s => Eq14Draws.PcaOrder(Eq14Draws.Reasoning(ctx, s)));
        var keys = SeedSeries.Of(seeds, s => Eq14Draws.PcaOrder(Eq14Draws.Keys(ctx, s)));
        ClaimCheck[] checks =
        [
            reasoning.Above(0.9).SignCheck("reasoning_anchors_ordered",
                "max over PC1, PC2 of |Spearman(value, projection)| - 0.9 > 0, reasoning anchors, " +
                "one noise draw per seed"),
            keys.Above(0.9).SignCheck("keys_ordered", "the same for the keys"),
        ];
        // Nearest-neighbour order in the PC1-PC2 plane, which a curve that bends back (as these do) keeps while a
        // single component's rank correlation drops: v1's diagnostic, v2's statistic (CLAIMS.md).
        double Neighbours(double[][] rows) => Linalg.NeighbourOrder(Linalg.PcaProjections(rows, 2));
        var reasoningAlongCurve = SeedSeries.Of(seeds, s => Neighbours(Eq14Draws.Reasoning(ctx, s)));
        var keysAlongCurve = SeedSeries.Of(seeds, s => Neighbours(Eq14Draws.Keys(ctx, s)));
        ClaimCheck[] v2 =
        [
            reasoningAlongCurve.Above(0.9).SignCheck("reasoning_anchors_ordered_along_the_curve",
                "nearest-neighbour order in the PC1-PC2 plane (share of tokens whose nearest neighbour is the " +
                "value ±1) - 0.9 > 0, reasoning anchors, one noise draw per seed"),
            keysAlongCurve.Above(0.9).SignCheck("keys_ordered_along_the_curve", "the same for the keys"),
        ];
        return Result(ctx, checks, v2, new JsonObject
        {
            ["order_reasoning"] = reasoning.ToJson(),
            ["order_keys"] = keys.ToJson(),
            ["diagnostic_neighbour_order_reasoning"] = reasoningAlongCurve.ToJson(),
            ["diagnostic_neighbour_order_keys"] = keysAlongCurve.ToJson(),
        });
    }
}
