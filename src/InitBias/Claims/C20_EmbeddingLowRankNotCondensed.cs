using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>C20 (related work): small init makes the embedding matrix low-rank, not condensed.</summary>
public sealed class C20_EmbeddingLowRankNotCondensed : Claim
{
    public override string Figure => "related work (no figure); effective-rank curves";
    public override string Statement =>
        "With small initialisation the embedding matrix becomes low-rank, not condensed: tokens become linearly " +
        "dependent but not identical.";
    public override ExpectedStatus Expected => new(Ci: NotReproduced, Full: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        SeedSeries Rank(double g, bool last) => grid.PerSeed(s =>
            (last ? grid.LastMechanism(g, s) : grid.FirstMechanism(g, s)).EffectiveRank);
        SeedSeries MeanCos(double g, bool last) => grid.PerSeed(s =>
            (last ? grid.LastMechanism(g, s) : grid.FirstMechanism(g, s)).MeanCos);
        var rankSmall = Rank(SmallInit, last: true);
        var rankRatio = grid.PerSeed(s => rankSmall[s] / Rank(SmallInit, last: false)[s]);
        ClaimCheck[] checks =
        [
            rankRatio.Below(0.5).SignCheck("low_rank",
                "0.5 - erank(last) / erank(0) > 0 for the input-token embeddings at γ 0.8 (erank = exp entropy of " +
                "normalised singular values)"),
            Rank(LargeInit, last: true).Minus(rankSmall).SignCheck("lower_rank_than_at_0.3",
                "erank(γ 0.3, last) - erank(γ 0.8, last) > 0, paired by seed"),
            MeanCos(SmallInit, last: true).Below(0.9).SignCheck("not_condensed",
                "0.9 - mean pairwise cos of the input-token embeddings > 0 at γ 0.8, last step"),
        ];
        // v2 (CLAIMS.md): the same questions asked of what training added, Δw = w(last) − w(0).
        SeedSeries LearnedRank(double g) => grid.PerSeed(s => MechanismStatistics.Erank(grid.LearnedPart(g, s)));
        var learnedRankSmall = LearnedRank(SmallInit);
        ClaimCheck[] v2 =
        [
            grid.PerSeed(s => 0.5 * Rank(SmallInit, last: false)[s] - learnedRankSmall[s]).SignCheck(
                "learned_part_low_rank", "0.5·erank(w(0)) − erank(Δw) > 0 at γ 0.8, input tokens"),
            LearnedRank(LargeInit).Minus(learnedRankSmall).SignCheck("learned_part_lower_rank_than_at_0.3",
                "erank(Δw, γ 0.3) − erank(Δw, γ 0.8) > 0, paired by seed"),
            grid.PerSeed(s => Geometry.MeanAbsCos(Linalg.CosineMatrix(grid.LearnedPart(SmallInit, s))))
                .Below(0.9).SignCheck("learned_part_not_condensed",
                    "0.9 − mean pairwise |cos| of the Δw rows > 0 at γ 0.8"),
        ];
        var metrics = new JsonObject
        {
            // Diagnostic of v1, statistic of v2: effective rank of what training added, w(last) − w(0).
            ["diagnostic_learned_part_erank_g0.8"] = learnedRankSmall.ToJson(),
        };
        foreach (var g in grid.Gammas)
            metrics[G(g)] = new JsonObject(grid.Seeds.Select(s => KeyValuePair.Create($"s{s}", (JsonNode?)new JsonObject
            {
                ["erank_initial"] = grid.FirstMechanism(g, s).EffectiveRank,
                ["erank_final"] = grid.LastMechanism(g, s).EffectiveRank,
                ["mean_cos_initial"] = grid.FirstMechanism(g, s).MeanCos,
                ["mean_cos_final"] = grid.LastMechanism(g, s).MeanCos,
            })));
        return Result(ctx, checks, v2, metrics);
    }
}
