using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using InitBias.Theory;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>
/// C10, Fig. 4B/4C and Prop. 1: label distributions drive the early embedding dynamics of the Emb-MLP.
/// </summary>
public sealed class C10_LabelDistributionDrivesEmbeddings : Claim
{
    public override string Figure => "Fig. 4B/4C, Prop. 1";
    public override string Statement =>
        "At small initialisation an anchor's embedding moves along r_s (P_s - 1/d_vob) W2ᵀ W1ᵀ (Prop. 1), so the " +
        "cosine structure of the label distributions reappears in the early embedding updates.";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: Reproduced, Paper: Reproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.EmbMlp];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.EmbMlp);
        var task = grid.Config.Task;
        var anchors = task.Anchors();
        var checks = new List<ClaimCheck>();
        var metrics = new JsonObject();

        // (a) The first gradient step from initialisation against Prop. 1, per γ and seed (no training: each member
        // recorded it at step 0 from its own init and data, FirstStepSpec).
        var minCos = new Dictionary<double, SeedSeries>();
        foreach (var g in grid.Gammas)
        {
            var agreement = grid.Seeds.ToDictionary(s => s, s =>
            {
                var first = grid.FirstStep(g, s);
                return VelocityAgreement.Of(first.FirstToken, first.Velocity, first.Prop1
                    ?? throw new InvalidOperationException($"{grid.Dir(g, s)} recorded no Prop. 1 prediction"));
            });
            minCos[g] = SeedSeries.Of(grid.Seeds, s => agreement[s].Min(a => a.Cosine));
            metrics[$"first_step_{G(g)}"] = new JsonObject(grid.Seeds.Select(s => KeyValuePair.Create($"s{s}",
                (JsonNode?)new JsonObject
                {
                    ["min_cos"] = minCos[g][s],
                    ["mean_cos"] = agreement[s].Average(a => a.Cosine),
                    ["max_relative_error"] = agreement[s].Max(a => a.RelativeError),
                })));
        }
        checks.Add(minCos[SmallInit].Above(0.99).SignCheck("first_step_matches_prop1_at_0.8",
            "min over anchors 1..20 of cos(-∇L(w_s), r_s P̃_s W2ᵀW1ᵀ) - 0.99 > 0 at γ 0.8, at initialisation"));
        checks.Add(minCos[SmallInit].Minus(minCos[LargeInit]).SignCheck("prop1_closer_at_0.8_than_0.3",
            "min cos(γ 0.8) - min cos(γ 0.3) > 0, paired by seed"));

        // (b) Cosines of the label-distribution vectors against cosines of the first epoch's embedding updates.
        int step = ClaimGrids.EmbMlpFirstUpdateStep(grid.Config);
        var cosines = grid.Seeds.ToDictionary(s => s, s => LabelCosines.Of(grid, s, step));
        var all = grid.PerSeed(s => Agreement(cosines[s], anchors, anchors, Spearman.Pearson));
        var reasoning = grid.PerSeed(
            s => Agreement(cosines[s], anchors, task.ReasoningAnchors(), Spearman.Correlation));
        checks.Add(all.Above(0.8).SignCheck("update_cosines_follow_label_cosines",
            "Pearson over the 190 anchor pairs of cos(P̃_i, P̃_j) and cos(Δw_i, Δw_j) - 0.8 > 0, " +
            $"Δw from step 0 to step {step}, γ 0.8"));
        checks.Add(reasoning.Above(0.8).SignCheck("reasoning_update_order_follows_labels",
            "Spearman over the 45 reasoning-anchor pairs of cos(P̃_i, P̃_j) and cos(Δw_i, Δw_j) - 0.8 > 0, " +
            "same step"));
        metrics["update_step"] = step;
        return Result(ctx, checks, metrics);
    }

    /// <summary>
    /// A correlation of the two cosine matrices over the pairs within a block (matrices start at anchors.First).
    /// </summary>
    private static double Agreement((double[,] Labels, double[,] Updates) c, TokenBlock anchors, TokenBlock block,
        Func<IReadOnlyList<double>, IReadOnlyList<double>, double> correlation)
    {
        var (from, to) = block.Indices(anchors.First);
        var x = new List<double>(); var y = new List<double>();
        for (int i = from; i < to; i++)
            for (int j = i + 1; j < to; j++) { x.Add(c.Labels[i, j]); y.Add(c.Updates[i, j]); }
        return correlation(x, y);
    }
}
