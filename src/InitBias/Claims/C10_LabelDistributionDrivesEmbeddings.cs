using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Claims.Grids;
using InitBias.Claims.Probes;
using InitBias.Experiments;
using InitBias.Stats;
using InitBias.Theory;
using static InitBias.Claims.Grids.EmbMlpGrid;

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
    public override ExpectedStatus Expected => new(Ci: true, Full: true);

    public static RunConfig Config(ClaimContext ctx, double gamma, long seed) =>
        ctx.ConfigOf("emb-mlp") with { Gamma = gamma, Seed = seed };

    public override ClaimResult Run(ClaimContext ctx)
    {
        var task = ctx.TaskOf("emb-mlp");
        var anchors = task.Anchors();
        var checks = new List<ClaimCheck>();
        var metrics = new JsonObject();

        // (a) The first gradient step from initialisation against Prop. 1, per γ and seed (no training needed).
        var minCos = new Dictionary<double, SeedSeries>();
        foreach (var g in Gammas)
        {
            var agreement = ctx.Seeds.ToDictionary(s => s, s => FirstStepVelocity.Compare(Config(ctx, g, s),
                ctx.Device, Enumerable.Range(anchors.First, anchors.Count).ToArray()));
            minCos[g] = SeedSeries.Of(ctx.Seeds, s => agreement[s].Min(a => a.Cosine));
            metrics[$"first_step_{G(g)}"] = new JsonObject(ctx.Seeds.Select(s => KeyValuePair.Create($"s{s}",
                (JsonNode?)new JsonObject
                {
                    ["min_cos"] = minCos[g][s],
                    ["mean_cos"] = agreement[s].Average(a => a.Cosine),
                    ["max_relative_error"] = agreement[s].Max(a => a.RelativeError),
                })));
        }
        checks.Add(minCos[Small].Above(0.99).SignCheck("first_step_matches_prop1_at_0.8",
            "min over anchors 1..20 of cos(-∇L(w_s), r_s P̃_s W2ᵀW1ᵀ) - 0.99 > 0 at γ 0.8, at initialisation"));
        checks.Add(minCos[Small].Minus(minCos[Large]).SignCheck("prop1_closer_at_0.8_than_0.3",
            "min cos(γ 0.8) - min cos(γ 0.3) > 0, paired by seed"));

        // (b) Cosines of the label-distribution vectors against cosines of the first epoch's embedding updates.
        var grid = EmbMlpGrid.Get(ctx);
        int step = FirstUpdateStep(ctx);
        var cosines = grid.Seeds.ToDictionary(s => s, s => Cosines(ctx, grid, s, step));
        var all = SeedSeries.Of(grid.Seeds, s => Agreement(cosines[s], anchors, anchors, Spearman.Pearson));
        var reasoning = SeedSeries.Of(grid.Seeds,
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
    /// cos(P̃_i, P̃_j) from the member's training data and cos(Δw_i, Δw_j) of the anchors (γ 0.8).
    /// </summary>
    public static (double[,] Labels, double[,] Updates) Cosines(ClaimContext ctx, GridRun grid, long seed, int step)
    {
        var config = Config(ctx, Small, seed);
        var anchors = config.Task.Anchors();
        var data = ExperimentRegistry.Get(config.Experiment).BuildData(config);
        var p = LabelDistribution.FromData(data, Enumerable.Range(anchors.First, anchors.Count).ToArray(),
            config.Model.VocabSize).Select(d => d.Centered()).ToList();
        var w0 = EmbeddingCheckpoints.Read(grid.Dir(Small, seed), 0).Rows;
        var w1 = EmbeddingCheckpoints.Read(grid.Dir(Small, seed), step).Rows;
        var dw = w1.Select((r, i) => Linalg.Subtract(r, w0[i])).ToList();
        return (Linalg.CosineMatrix(p), Linalg.CosineMatrix(dw));
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
