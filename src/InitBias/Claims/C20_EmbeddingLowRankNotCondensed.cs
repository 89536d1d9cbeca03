using System.Text.Json.Nodes;
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
    /// <summary>Where v3 reads the claim (CLAIMS.md, "The reading points"):
    /// the condensation stage: the onset, by the calibration criterion.</summary>
    public static ReadingPoint V3Reading => ReadingPoint.Onset;
    public override string Premise => $"{V3Reading.State} at the step read (v3: {V3Reading.Name})";
    /// <summary>Low rank: the effective rank (v1 of w, v2 and v3 of w − w0) is below this fraction of w's at step 0.
    /// </summary>
    public const double RankFractionBelow = 0.5;
    /// <summary>Not condensed: the mean pairwise cosine (v1: of w; v2, v3: |cos| of the w − w0 rows) is below this.
    /// </summary>
    public const double MeanCosBelow = 0.9;

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        double[][] W(double g, long s, bool last) => last ? grid.Embeddings(g, s) : grid.InitialEmbeddings(g, s);
        SeedSeries Rank(double g, bool last) => grid.PerSeed(s => MechanismStatistics.Erank(W(g, s, last)));
        SeedSeries MeanCos(double g, bool last) => grid.PerSeed(s => MechanismStatistics.MeanCos(W(g, s, last)));
        var rankSmall = Rank(SmallInit, last: true);
        var initialRankSmall = Rank(SmallInit, last: false);
        var rankRatio = grid.PerSeed(s => rankSmall[s] / initialRankSmall[s]);
        ClaimCheck[] checks =
        [
            rankRatio.Below(RankFractionBelow).SignCheck("low_rank",
                "0.5 - erank(last) / erank(0) > 0 for the input-token embeddings at γ 0.8 (erank = exp entropy of " +
                "normalised singular values)"),
            Rank(LargeInit, last: true).Minus(rankSmall).SignCheck("lower_rank_than_at_0.3",
                "erank(γ 0.3, last) - erank(γ 0.8, last) > 0, paired by seed"),
            MeanCos(SmallInit, last: true).Below(MeanCosBelow).SignCheck("not_condensed",
                "0.9 - mean pairwise cos of the input-token embeddings > 0 at γ 0.8, last step"),
        ];
        // v2 (CLAIMS.md): the same questions asked of what training added, Δw = w(last) − w(0).
        SeedSeries LearnedRank(double g) => grid.PerSeed(s => MechanismStatistics.Erank(grid.LearnedPart(g, s)));
        var learnedRankSmall = LearnedRank(SmallInit);
        ClaimCheck[] v2 =
        [
            grid.PerSeed(s =>
                RankFractionBelow * initialRankSmall[s] - learnedRankSmall[s]).SignCheck(
                "learned_part_low_rank", "0.5·erank(w(0)) − erank(Δw) > 0 at γ 0.8, input tokens"),
            LearnedRank(LargeInit).Minus(learnedRankSmall).SignCheck("learned_part_lower_rank_than_at_0.3",
                "erank(Δw, γ 0.3) − erank(Δw, γ 0.8) > 0, paired by seed"),
            grid.PerSeed(s => MechanismStatistics.MeanAbsCos(grid.LearnedPart(SmallInit, s)))
                .Below(MeanCosBelow).SignCheck("learned_part_not_condensed",
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
                ["erank_initial"] = MechanismStatistics.Erank(W(g, s, last: false)),
                ["erank_final"] = MechanismStatistics.Erank(W(g, s, last: true)),
                ["mean_cos_initial"] = MechanismStatistics.MeanCos(W(g, s, last: false)),
                ["mean_cos_final"] = MechanismStatistics.MeanCos(W(g, s, last: true)),
            })));
        // v3 (CLAIMS.md, "Rules v3"): v2's checks on Δw = w(t) − w(0) read at V3Reading t instead of the last step.
        int Step(long s) => grid.StepOf(V3Reading, s);
        SeedSeries LearnedRankAt(double g) =>
            grid.PerSeed(s => MechanismStatistics.Erank(grid.LearnedPartAt(g, s, Step(s))));
        var learnedAtSmall = LearnedRankAt(SmallInit);
        ClaimCheck[] v3 =
        [
            grid.PerSeed(s =>
                RankFractionBelow * initialRankSmall[s] - learnedAtSmall[s]).SignCheck(
                "v3_learned_part_low_rank", $"0.5·erank(w(0)) − erank(Δw) > 0 at γ 0.8, at {V3Reading.Name}"),
            LearnedRankAt(LargeInit).Minus(learnedAtSmall).SignCheck("v3_learned_part_lower_rank_than_at_0.3",
                "erank(Δw, γ 0.3) − erank(Δw, γ 0.8) > 0 at the same step, paired by seed"),
            grid.PerSeed(s => MechanismStatistics.MeanAbsCos(grid.LearnedPartAt(SmallInit, s, Step(s))))
                .Below(MeanCosBelow).SignCheck("v3_learned_part_not_condensed",
                    $"0.9 − mean pairwise |cos| of the Δw rows > 0 at γ 0.8, at {V3Reading.Name}"),
        ];
        metrics["v3_reading_step"] = grid.PerSeed(s => Step(s)).ToJson();
        metrics["diagnostic_at_progress"] = grid.AtProgress(
            ("learned_part_erank", (g, s, t) => MechanismStatistics.Erank(grid.LearnedPartAt(g, s, t))));
        metrics["v3_learned_part_erank_g0.8"] = learnedAtSmall.ToJson();
        return Result(ctx, metrics, new RuleVersion("v1", checks), new RuleVersion("v2", v2),
            new RuleVersion("v3", v3, grid.PremiseAt(V3Reading)), V4.GatingAll(v3, grid.PremiseAt(V3Reading)));
    }
}
