using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>
/// C14, Fig. 6 and Lemma 1: layer 1 averages at init; W^V's top direction carries the reasoning anchors.
/// </summary>
public sealed class C14_FirstLayerAveragesAndCarriesReasoning : Claim
{
    public override string Figure => "Fig. 6, Lemma 1";
    public override string Statement =>
        "At small init the first attention layer averages (A_ij ≈ 1/i); after training W^V has one dominant " +
        "singular value whose singular vector aligns with the reasoning-anchor embeddings, not the memory ones.";
    public override ExpectedStatus Expected => new(Ci: NotReproduced, Full: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer];
    /// <summary>Where v3 reads the claim (CLAIMS.md, "The reading points"):
    /// the early-stage theory (Lemma 1): the onset, by the calibration criterion.</summary>
    public static ReadingPoint V3Reading => ReadingPoint.Onset;
    public override string Premise => $"{V3Reading.State} at the step read (v3: {V3Reading.Name})";
    /// <summary>v1 and v3: W^V's top singular value dominates when σ1/σ2 is above this.</summary>
    public const double WvRatioAbove = 2;

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        var task = grid.Config.Task;
        var anchors = task.Anchors();
        SeedSeries Deviation(double g) => grid.PerSeed(s => grid.FirstMechanism(g, s).Attn1MaxDev!.Value);
        SeedSeries SpectralRatio(double g) => grid.PerSeed(s => MechanismStatistics.WvRatio(grid.LastMechanism(g, s)));
        // Mean |cos(u1, w_s)| over a block of anchors, from the probe's values for the anchors 1..20.
        SeedSeries U1(TokenBlock b, Func<MechanismReadout, double[]?> perAnchor) => grid.PerSeed(s =>
            MechanismStatistics.U1Mean(perAnchor(grid.LastMechanism(SmallInit, s))!, b, task));
        var deviationSmall = Deviation(SmallInit);
        var deviationLarge = Deviation(LargeInit);
        var ratioSmall = SpectralRatio(SmallInit);
        var ratioLarge = SpectralRatio(LargeInit);
        // The same two statistics at the progress point (diagnostics; the rule reads the last step).
        double WvRatioAt(double g, long s, int step) => MechanismStatistics.WvRatio(grid.MechanismAt(g, s, step));
        double U1GapAt(double g, long s, int step) =>
            MechanismStatistics.U1Gap(grid.MechanismAt(g, s, step).U1AbsCosAnchors!, task);
        var u1Reasoning = U1(task.ReasoningAnchors(), p => p.U1AbsCosAnchors);
        var u1Memory = U1(task.MemoryAnchors(), p => p.U1AbsCosAnchors);
        ClaimCheck[] checks =
        [
            deviationSmall.Below(0.05).SignCheck("attention_is_causal_mean_at_init",
                "0.05 - max_{inputs, j<=i} |A_ij - 1/i| > 0 in layer 1 at γ 0.8, step 0 (spec §7.6)"),
            deviationLarge.Minus(deviationSmall).SignCheck("less_so_at_0.3",
                "max deviation(γ 0.3) - max deviation(γ 0.8) > 0 at step 0, paired by seed"),
            ratioSmall.Above(WvRatioAbove).SignCheck("wv_top_singular_value_dominates",
                "σ1/σ2 of layer 1's W^V - 2 > 0 at γ 0.8, last step"),
            ratioSmall.Minus(ratioLarge).SignCheck("wv_dominance_stronger_than_at_0.3",
                "σ1/σ2(γ 0.8) - σ1/σ2(γ 0.3) > 0, paired by seed"),
            u1Reasoning.Minus(u1Memory).SignCheck("u1_aligned_with_reasoning_not_memory",
                "mean_{s in 11..20} |cos(u1, w_s)| - mean_{s in 1..10} |cos(u1, w_s)| > 0 at γ 0.8, last step"),
        ];
        // v3 (CLAIMS.md, "Rules v3"): (a) as v1, at step 0; (b) and (c) read at V3Reading instead of the last step,
        // where W^V's dominance has fallen off.
        int Step(long s) => grid.StepOf(V3Reading, s);
        SeedSeries RatioAt(double g) => grid.PerSeed(s => WvRatioAt(g, s, Step(s)));
        var ratioSmallAt = RatioAt(SmallInit);
        ClaimCheck[] v3 =
        [
            checks[0], checks[1],
            ratioSmallAt.Above(WvRatioAbove).SignCheck("v3_wv_top_singular_value_dominates",
                $"σ1/σ2 of layer 1's W^V - 2 > 0 at γ 0.8, at {V3Reading.Name}"),
            ratioSmallAt.Minus(RatioAt(LargeInit)).SignCheck("v3_wv_dominance_stronger_than_at_0.3",
                "σ1/σ2(γ 0.8) - σ1/σ2(γ 0.3) > 0 at the same step, paired by seed"),
            grid.PerSeed(s => U1GapAt(SmallInit, s, Step(s))).SignCheck("v3_u1_aligned_with_reasoning_not_memory",
                "mean_{s in 11..20} |cos(u1, w_s)| - mean_{s in 1..10} |cos(u1, w_s)| > 0 at γ 0.8, at " +
                V3Reading.Name),
        ];
        var premise = grid.PremiseAt(V3Reading);
        return Result(ctx, new JsonObject
        {
            ["attn1_max_dev_g0.3"] = deviationLarge.ToJson(),
            ["attn1_max_dev_g0.8"] = deviationSmall.ToJson(),
            ["wv_ratio_g0.3"] = ratioLarge.ToJson(),
            ["wv_ratio_g0.8"] = ratioSmall.ToJson(),
            ["u1_rsn_g0.8"] = u1Reasoning.ToJson(),
            ["u1_mem_g0.8"] = u1Memory.ToJson(),
            // Diagnostic (not in the rule): alignment of u1 with what training added to the anchors, w(last) − w(0).
            ["diagnostic_u1_rsn_minus_mem_updates_g0.8"] = U1(task.ReasoningAnchors(), p => p.U1AbsCosAnchorUpdates)
                .Minus(U1(task.MemoryAnchors(), p => p.U1AbsCosAnchorUpdates)).ToJson(),
            ["v3_reading_step"] = grid.PerSeed(s => Step(s)).ToJson(),
            ["diagnostic_at_progress"] = grid.AtProgress(("wv_ratio", WvRatioAt), ("u1_rsn_minus_mem", U1GapAt)),
        }, new RuleVersion("v1", checks), new RuleVersion("v3", v3, premise),
            // v4 (CLAIMS.md, "Rules v4"): the onset gates (b) and (c), read there; (a) is read at step 0.
            RuleVersion.V4("v4", v3, new GatedPremise(premise, v3.Skip(2).Select(c => c.Name).ToList())));
    }
}
