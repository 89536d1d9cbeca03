using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Stats;

namespace InitBias.Claims;

/// <summary>Readers of the transformer grid's probe (TransformerProbe) shared by C12-C17 and C20.</summary>
public static class TransformerReadings
{
    public static System.Text.Json.Nodes.JsonObject LastProbe(GridRun grid, double gamma, long seed) =>
        TransformerProbe.Read(grid.Dir(gamma, seed))[^1];

    /// <summary>The input-token embeddings (tokens 1..KeyMax, row k = token k + 1) at the last step.</summary>
    public static double[][] Embeddings(GridRun grid, double gamma, long seed) => TransformerProbe.Matrix(LastProbe(grid, gamma, seed)["embeddings"]!);

    /// <summary>The initial input-token embeddings (step 0).</summary>
    public static double[][] InitialEmbeddings(GridRun grid, double gamma, long seed) => TransformerProbe.Matrix(TransformerProbe.Read(grid.Dir(gamma, seed))[0]["embeddings"]!);

    /// <summary>What training added to the input-token embeddings: w(last) - w(0). Diagnostics only, not in any rule.</summary>
    public static double[][] LearnedPart(GridRun grid, double gamma, long seed)
    {
        var w0 = InitialEmbeddings(grid, gamma, seed);
        return Embeddings(grid, gamma, seed).Select((r, i) => Linalg.Subtract(r, w0[i])).ToArray();
    }

    /// <summary>Cosines among anchors 1..20 of the learned part w(last) - w(0).</summary>
    public static double[,] LearnedAnchorCos(GridRun grid, double gamma, long seed) => Linalg.CosineMatrix(LearnedPart(grid, gamma, seed)[..20]);

    /// <summary>Anchor cosines (tokens 1..20) at the last step.</summary>
    public static double[,] AnchorCos(GridRun grid, double gamma, long seed) =>
        EmbeddingCheckpoints.Read(grid.Dir(gamma, seed), TransformerGrid.LastStep(grid));

    /// <summary>
    /// C13: PCA of the whole input-token embedding matrix; max over the first two components of |Spearman(value,
    /// projection)| over the key tokens (the tokens whose value the task uses as a number).
    /// </summary>
    public static double PcaOrder(double[][] embeddings, int firstKey)
    {
        var proj = Linalg.PcaProjections(embeddings, 2);
        var keys = Enumerable.Range(firstKey - 1, embeddings.Length - firstKey + 1).ToList();
        var values = keys.Select(k => (double)(k + 1)).ToList();
        return Enumerable.Range(0, 2).Max(c => Math.Abs(Spearman.Correlation(values, keys.Select(k => proj[k][c]).ToList())));
    }
}

public sealed class C12_TransformerEmbeddingStructure : Claim
{
    public override string Id => "C12";
    public override string Name => nameof(C12_TransformerEmbeddingStructure);
    public override string Figure => "Fig. 5A";
    public override string Statement => "In the trained small-init transformer the reasoning-anchor embeddings are ordered (cosine falls with |s_i - s_j|) and the memory anchors are aligned; not so at γ = 0.3.";
    public override bool ExpectedReproduced => false;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = TransformerGrid.Get(ctx);
        Dictionary<long, double> Rho(double g) => grid.Seeds.ToDictionary(s => s, s => EmbMlpGrid.OrderCorrelation(TransformerReadings.AnchorCos(grid, g, s)));
        var rho8 = Rho(0.8); var rho3 = Rho(0.3);
        var delta = grid.Seeds.ToDictionary(s => s, s =>
        {
            var cos = TransformerReadings.AnchorCos(grid, 0.8, s);
            return EmbMlpGrid.MeanCos(cos, 0, 10) - EmbMlpGrid.MeanCos(cos, 10, 20);
        });
        var checks = new List<ClaimCheck>
        {
            SignCheck("reasoning_anchors_ordered", "-0.5 - Spearman(|s_i - s_j|, cos_ij) > 0 over reasoning pairs at γ 0.8, last step, i.e. rho < -0.5", rho8.ToDictionary(kv => kv.Key, kv => -0.5 - kv.Value)),
            SignCheck("memory_more_alike_than_reasoning", "mean cos(memory pairs) - mean cos(reasoning pairs) > 0 at γ 0.8, last step", delta),
            SignCheck("order_absent_at_0.3", "rho(γ 0.3) - rho(γ 0.8) > 0, paired by seed", rho8.ToDictionary(kv => kv.Key, kv => rho3[kv.Key] - kv.Value)),
        };
        // Diagnostics (not in the rule): the same statistics on what training added, w(last) - w(0).
        var rhoLearned = grid.Seeds.ToDictionary(s => s, s => EmbMlpGrid.OrderCorrelation(TransformerReadings.LearnedAnchorCos(grid, 0.8, s)));
        var deltaLearned = grid.Seeds.ToDictionary(s => s, s =>
        {
            var cos = TransformerReadings.LearnedAnchorCos(grid, 0.8, s);
            return EmbMlpGrid.MeanCos(cos, 0, 10) - EmbMlpGrid.MeanCos(cos, 10, 20);
        });
        var norms = grid.Seeds.ToDictionary(s => s, s => TransformerReadings.LearnedPart(grid, 0.8, s)[..20].Average(Linalg.Norm)
                                                         / TransformerReadings.InitialEmbeddings(grid, 0.8, s)[..20].Average(Linalg.Norm));
        return Result(ctx, checks, new JsonObject
        {
            ["rho_g0.3"] = SeedValues(rho3), ["rho_g0.8"] = SeedValues(rho8),
            ["diagnostic_learned_part_rho_g0.8"] = SeedValues(rhoLearned),
            ["diagnostic_learned_part_mem_minus_rsn_cos_g0.8"] = SeedValues(deltaLearned),
            ["diagnostic_learned_over_initial_norm_g0.8"] = SeedValues(norms),
        });
    }
}

public sealed class C13_EmbeddingPcaOrdered : Claim
{
    public override string Id => "C13";
    public override string Name => nameof(C13_EmbeddingPcaOrdered);
    public override string Figure => "Fig. 5B";
    public override string Statement => "PCA of the whole embedding matrix of the small-init transformer lines the tokens up by value; not so at γ = 0.3.";
    public override bool ExpectedReproduced => true;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = TransformerGrid.Get(ctx);
        int firstKey = ctx.TaskOf("transformer").KeyMin;
        Dictionary<long, double> Order(double g) => grid.Seeds.ToDictionary(s => s, s => TransformerReadings.PcaOrder(TransformerReadings.Embeddings(grid, g, s), firstKey));
        var o8 = Order(0.8); var o3 = Order(0.3);
        var checks = new List<ClaimCheck>
        {
            SignCheck("keys_ordered_along_pcs", "max over PC1, PC2 of |Spearman(key value, projection)| - 0.8 > 0 at γ 0.8, last step", o8.ToDictionary(kv => kv.Key, kv => kv.Value - 0.8)),
            SignCheck("order_stronger_than_at_0.3", "order(γ 0.8) - order(γ 0.3) > 0, paired by seed", o8.ToDictionary(kv => kv.Key, kv => kv.Value - o3[kv.Key])),
        };
        // Diagnostic (not in the rule): nearest-neighbour order of the keys in the PC1-PC2 plane.
        Dictionary<long, double> Neighbours(double g) => grid.Seeds.ToDictionary(s => s, s =>
        {
            var proj = Linalg.PcaProjections(TransformerReadings.Embeddings(grid, g, s), 2);
            return Linalg.NeighbourOrder(proj[(firstKey - 1)..]);
        });
        return Result(ctx, checks, new JsonObject
        {
            ["order_g0.3"] = SeedValues(o3), ["order_g0.8"] = SeedValues(o8),
            ["diagnostic_neighbour_order_g0.3"] = SeedValues(Neighbours(0.3)),
            ["diagnostic_neighbour_order_g0.8"] = SeedValues(Neighbours(0.8)),
        });
    }
}

public sealed class C20_EmbeddingLowRankNotCondensed : Claim
{
    public override string Id => "C20";
    public override string Name => nameof(C20_EmbeddingLowRankNotCondensed);
    public override string Figure => "related work (no figure); effective-rank curves";
    public override string Statement => "With small initialisation the embedding matrix becomes low-rank, not condensed: tokens become linearly dependent but not identical.";
    public override bool ExpectedReproduced => false;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = TransformerGrid.Get(ctx);
        double Final(double g, long s, string key) => TransformerProbe.Read(grid.Dir(g, s))[^1][key]!.GetValue<double>();
        double Initial(double g, long s, string key) => TransformerProbe.Read(grid.Dir(g, s))[0][key]!.GetValue<double>();
        var ratio = grid.Seeds.ToDictionary(s => s, s => Final(0.8, s, "effective_rank") / Initial(0.8, s, "effective_rank"));
        var vs03 = grid.Seeds.ToDictionary(s => s, s => Final(0.3, s, "effective_rank") - Final(0.8, s, "effective_rank"));
        var cos = grid.Seeds.ToDictionary(s => s, s => Final(0.8, s, "mean_cos"));
        var checks = new List<ClaimCheck>
        {
            SignCheck("low_rank", "0.5 - erank(last) / erank(0) > 0 for the input-token embeddings at γ 0.8 (erank = exp entropy of normalised singular values)", ratio.ToDictionary(kv => kv.Key, kv => 0.5 - kv.Value)),
            SignCheck("lower_rank_than_at_0.3", "erank(γ 0.3, last) - erank(γ 0.8, last) > 0, paired by seed", vs03),
            SignCheck("not_condensed", "0.9 - mean pairwise cos of the input-token embeddings > 0 at γ 0.8, last step", cos.ToDictionary(kv => kv.Key, kv => 0.9 - kv.Value)),
        };
        var metrics = new JsonObject
        {
            // Diagnostic (not in the rule): effective rank of what training added, w(last) - w(0).
            ["diagnostic_learned_part_erank_g0.8"] = SeedValues(grid.Seeds.ToDictionary(s => s,
                s => Linalg.EffectiveRank(Linalg.SingularValues(TransformerReadings.LearnedPart(grid, 0.8, s))))),
        };
        foreach (var g in TransformerGrid.Gammas)
            metrics[G(g)] = new JsonObject(grid.Seeds.Select(s => KeyValuePair.Create($"s{s}", (JsonNode?)new JsonObject
            {
                ["erank_initial"] = Initial(g, s, "effective_rank"), ["erank_final"] = Final(g, s, "effective_rank"),
                ["mean_cos_initial"] = Initial(g, s, "mean_cos"), ["mean_cos_final"] = Final(g, s, "mean_cos"),
            })));
        return Result(ctx, checks, metrics);
    }
}
