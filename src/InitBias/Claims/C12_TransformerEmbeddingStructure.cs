using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>
/// C12, Fig. 5A: in the small-init transformer reasoning anchors are ordered and memory anchors aligned.
/// </summary>
public sealed class C12_TransformerEmbeddingStructure : Claim
{
    public override string Figure => "Fig. 5A";
    public override string Statement =>
        "In the trained small-init transformer the reasoning-anchor embeddings are ordered (cosine falls with " +
        "|s_i - s_j|) and the memory anchors are aligned; not so at γ = 0.3.";
    public override ExpectedStatus Expected => new(Ci: NotReproduced, Full: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer];
    /// <summary>Where v3 reads the claim (CLAIMS.md, "The reading points"):
    /// "in the trained 2-layer Transformer": the progress point, by the calibration criterion.</summary>
    public static ReadingPoint V3Reading => ReadingPoint.Progress;
    public override string Premise => $"{V3Reading.State} at the step read (v3: {V3Reading.Name})";
    /// <summary>v1 and v3: the reasoning anchors are ordered when ρ, Spearman(|s_i − s_j|, cos_ij), is below this.
    /// </summary>
    public const double RhoBelow = -0.5;

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        var task = grid.Config.Task;
        TokenBlock memory = task.MemoryAnchors(), reasoning = task.ReasoningAnchors(), anchors = task.Anchors();
        SeedSeries Rho(double g) => grid.PerSeed(s => grid.LastAnchorCos(g, s).Rho(task));
        var rhoSmall = Rho(SmallInit);
        var rhoLarge = Rho(LargeInit);
        ClaimCheck[] checks =
        [
            rhoSmall.Below(RhoBelow).SignCheck("reasoning_anchors_ordered",
                "-0.5 - Spearman(|s_i - s_j|, cos_ij) > 0 over reasoning pairs at γ 0.8, last step, i.e. rho < -0.5"),
            grid.PerSeed(s => grid.LastAnchorCos(SmallInit, s).MemoryMinusReasoning(task)).SignCheck(
                "memory_more_alike_than_reasoning",
                "mean cos(memory pairs) - mean cos(reasoning pairs) > 0 at γ 0.8, last step"),
            rhoLarge.Minus(rhoSmall).SignCheck("order_absent_at_0.3", "rho(γ 0.3) - rho(γ 0.8) > 0, paired by seed"),
        ];
        // Diagnostics (not in the rule): the same statistics on what training added, w(last) − w(0).
        var learned = grid.Seeds.ToDictionary(s => s, s => grid.LearnedAnchorCos(SmallInit, s, anchors));
        var norms = grid.PerSeed(s =>
            MechanismStatistics.Block(grid.LearnedPart(SmallInit, s), anchors).Average(Linalg.Norm)
            / MechanismStatistics.Block(grid.InitialEmbeddings(SmallInit, s), anchors).Average(Linalg.Norm));
        // Diagnostics: where memory-anchor alignment goes. Prop. 2 gives every memory anchor the same velocity at
        // small init; the first full-batch gradient (recorded at step 0, FirstStepSpec) shows whether the real model
        // (post-LN, two layers) starts aligned, with and without LayerNorm, and the updates w(t) − w(0) show when
        // alignment is lost during training.
        TokenCosines FirstStep(long s, bool layerNorm)
        {
            var first = grid.FirstStep(SmallInit, s);
            var rows = layerNorm ? first.Velocity : first.VelocityWithoutLayerNorm
                ?? throw new InvalidOperationException($"{grid.Dir(SmallInit, s)} recorded no gradient without LN");
            return TokenCosines.Among(rows, first.FirstToken, anchors);
        }
        var firstStep = grid.Seeds.ToDictionary(s => s, s => FirstStep(s, layerNorm: true));
        var firstStepNoNorm = grid.Seeds.ToDictionary(s => s, s => FirstStep(s, layerNorm: false));
        var updates = new JsonObject();
        foreach (var step in grid.ProbeSteps().Where(t => t > 0))
            updates[$"step{step}"] =
                grid.PerSeed(s => grid.UpdateCosines(SmallInit, s, step, anchors).MeanCos(memory)).ToJson();
        // v3 (CLAIMS.md, "Rules v3"): v1's checks read at V3Reading instead of the last step; the last step and the
        // progress point stay diagnostics.
        int Step(long s) => grid.StepOf(V3Reading, s);
        SeedSeries RhoAt(double g) => grid.PerSeed(s => grid.CosAt(g, s, Step(s), anchors).Rho(task));
        var rhoSmallAt = RhoAt(SmallInit);
        ClaimCheck[] v3 =
        [
            rhoSmallAt.Below(RhoBelow).SignCheck("v3_reasoning_anchors_ordered",
                $"-0.5 - Spearman(|s_i - s_j|, cos_ij) > 0 over reasoning pairs at γ 0.8, at {V3Reading.Name}"),
            grid.PerSeed(s => grid.CosAt(SmallInit, s, Step(s), anchors).MemoryMinusReasoning(task)).SignCheck(
                "v3_memory_more_alike_than_reasoning",
                $"mean cos(memory pairs) - mean cos(reasoning pairs) > 0 at γ 0.8, at {V3Reading.Name}"),
            RhoAt(LargeInit).Minus(rhoSmallAt).SignCheck("v3_order_absent_at_0.3",
                "rho(γ 0.3) - rho(γ 0.8) > 0 at the same step, paired by seed"),
        ];
        var premise = grid.PremiseAt(V3Reading);
        return Result(ctx, new JsonObject
        {
            ["v3_reading_step"] = grid.PerSeed(s => Step(s)).ToJson(),
            ["diagnostic_first_step_memory_cos_g0.8"] = grid.PerSeed(s => firstStep[s].MeanCos(memory)).ToJson(),
            ["diagnostic_first_step_reasoning_cos_g0.8"] =
                grid.PerSeed(s => firstStep[s].MeanCos(reasoning)).ToJson(),
            ["diagnostic_first_step_memory_cos_without_layernorm_g0.8"] =
                grid.PerSeed(s => firstStepNoNorm[s].MeanCos(memory)).ToJson(),
            ["diagnostic_memory_update_cos_g0.8"] = updates,
            ["rho_g0.3"] = rhoLarge.ToJson(),
            ["rho_g0.8"] = rhoSmall.ToJson(),
            ["diagnostic_learned_part_rho_g0.8"] =
                grid.PerSeed(s => learned[s].Rho(task)).ToJson(),
            ["diagnostic_learned_part_mem_minus_rsn_cos_g0.8"] =
                grid.PerSeed(s => learned[s].MemoryMinusReasoning(task)).ToJson(),
            ["diagnostic_learned_over_initial_norm_g0.8"] = norms.ToJson(),
            ["diagnostic_at_progress"] = grid.AtProgress(
                ("rho", (g, s, t) => grid.CosAt(g, s, t, anchors).Rho(task)),
                ("mem_minus_rsn_cos", (g, s, t) => grid.CosAt(g, s, t, anchors).MemoryMinusReasoning(task))),
        }, new RuleVersion("v1", checks), new RuleVersion("v3", v3, premise), V4.GatingAll(v3, premise));
    }
}
