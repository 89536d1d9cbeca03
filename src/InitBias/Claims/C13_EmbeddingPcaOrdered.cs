using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>
/// C13, Fig. 5B: PCA of the small-init transformer's whole embedding matrix lines the keys up by value.
/// </summary>
public sealed class C13_EmbeddingPcaOrdered : Claim
{
    public override string Figure => "Fig. 5B";
    public override string Statement =>
        "PCA of the whole embedding matrix of the small-init transformer lines the tokens up by value; not so at " +
        "γ = 0.3.";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: Reproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer];
    public override string Premise => "the trained small-init model (v1 reads the last step; not checked)";
    /// <summary>The keys are ordered along the PCs when the PCA order (max |Spearman| over PC1, PC2) is above this.
    /// </summary>
    public const double OrderAbove = 0.8;

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        var task = grid.Config.Task;
        var keys = task.Keys();
        SeedSeries Order(double g) => grid.PerSeed(s => MechanismStatistics.KeyPcaOrder(grid.Embeddings(g, s), task));
        var orderSmall = Order(SmallInit);
        var orderLarge = Order(LargeInit);
        ClaimCheck[] checks =
        [
            orderSmall.Above(OrderAbove).SignCheck("keys_ordered_along_pcs",
                "max over PC1, PC2 of |Spearman(key value, projection)| - 0.8 > 0 at γ 0.8, last step"),
            orderSmall.Minus(orderLarge).SignCheck("order_stronger_than_at_0.3",
                "order(γ 0.8) - order(γ 0.3) > 0, paired by seed"),
        ];
        // Diagnostic (not in the rule): nearest-neighbour order of the keys in the PC1-PC2 plane.
        SeedSeries Neighbours(double g) => grid.PerSeed(s => Linalg.NeighbourOrder(
            MechanismStatistics.Block(Linalg.PcaProjections(grid.Embeddings(g, s), 2), keys)));
        return Result(ctx, checks, new JsonObject
        {
            ["order_g0.3"] = orderLarge.ToJson(),
            ["order_g0.8"] = orderSmall.ToJson(),
            ["diagnostic_neighbour_order_g0.3"] = Neighbours(LargeInit).ToJson(),
            ["diagnostic_neighbour_order_g0.8"] = Neighbours(SmallInit).ToJson(),
        });
    }
}
