using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>C16, Fig. 5C: the cosine profile of eq. 14's theoretical embeddings matches the trained one.</summary>
public sealed class C16_TheoryMatchesTrainedEmbeddings : Claim
{
    public override string Figure => "Fig. 5C, eq. 14";
    public override string Statement =>
        "The cosine profile cos(w_15, w_s) of the trained small-init transformer's reasoning anchors agrees " +
        "with that of eq. 14's theoretical embeddings.";
    public override ExpectedStatus Expected => new(Ci: NotReproduced, Full: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer];
    /// <summary>Where v3 reads the claim (CLAIMS.md, "The reading points"):
    /// Fig. 5C shows the model of Fig. 5A: C12's point.</summary>
    public static ReadingPoint V3Reading => C12_TransformerEmbeddingStructure.V3Reading;
    public override string Premise => $"{V3Reading.State} at the step read (v3: {V3Reading.Name})";
    /// <summary>Every version: the profiles are close when max_s |cos_theory(15, s) − cos_trained(15, s)| is below
    /// this.</summary>
    public const double MaxDifferenceBelow = 0.25;
    /// <summary>v2 and v3: the trained profile falls with |s − 15| when their Spearman correlation is below this.
    /// </summary>
    public const double ShapeBelow = -0.8;

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        var task = grid.Config.Task;
        var reasoning = task.ReasoningAnchors();
        var theory = grid.Seeds.ToDictionary(s => s,
            s => Eq14Draws.TheoryProfile(Eq14Draws.Reasoning(ctx, s), reasoning));
        var trained = grid.Seeds.ToDictionary(s => s,
            s => Eq14Draws.Profile(grid.LastAnchorCos(SmallInit, s), reasoning));
        var correlation = grid.PerSeed(s => Spearman.Pearson(theory[s], trained[s]));
        var maxDifference = grid.PerSeed(s => MechanismStatistics.Eq14MaxDifference(theory[s], trained[s]));
        ClaimCheck[] checks =
        [
            correlation.Above(0.9).SignCheck("profiles_correlate",
                "Pearson(theory, trained) over s in 11..20, s ≠ 15, - 0.9 > 0 at γ 0.8, last step"),
            maxDifference.Below(MaxDifferenceBelow).SignCheck("profiles_close",
                "0.25 - max_s |cos_theory(15, s) - cos_trained(15, s)| > 0"),
        ];
        // v2 (CLAIMS.md): closeness as v1, and the trained profile falls with |s − 15| as eq. 14's does.
        var falls = grid.PerSeed(s => MechanismStatistics.Eq14Shape(trained[s], task));
        ClaimCheck[] v2 =
        [
            checks[1],
            falls.Below(ShapeBelow).SignCheck("trained_profile_falls_with_distance",
                "-0.8 - Spearman(|s − 15|, cos_trained(15, s)) > 0 over s ∈ 11..20 \\ {15}, γ 0.8, last step"),
        ];
        var metrics = new JsonObject();
        foreach (var s in grid.Seeds)
        {
            // Diagnostic (not in the rule): the profile of what training added, w(last) − w(0).
            var learned = Eq14Draws.Profile(grid.LearnedAnchorCos(SmallInit, s, task.Anchors()), reasoning);
            metrics[$"s{s}"] = new JsonObject
            {
                ["theory"] = Array(theory[s]),
                ["trained"] = Array(trained[s]),
                ["diagnostic_learned_part"] = Array(learned),
                ["diagnostic_learned_part_pearson"] = Spearman.Pearson(theory[s], learned),
            };
        }
        // v3 (CLAIMS.md, "Rules v3"): v2's checks read at V3Reading (C12's) instead of the last step.
        int Step(long s) => grid.StepOf(V3Reading, s);
        var trainedAt = grid.Seeds.ToDictionary(s => s,
            s => Eq14Draws.Profile(grid.CosAt(SmallInit, s, Step(s), task.Anchors()), reasoning));
        ClaimCheck[] v3 =
        [
            grid.PerSeed(s => MechanismStatistics.Eq14MaxDifference(theory[s], trainedAt[s])).Below(MaxDifferenceBelow)
                .SignCheck("v3_profiles_close",
                $"0.25 - max_s |cos_theory(15, s) - cos_trained(15, s)| > 0, γ 0.8, at {V3Reading.Name}"),
            grid.PerSeed(s => MechanismStatistics.Eq14Shape(trainedAt[s], task)).Below(ShapeBelow).SignCheck(
                "v3_trained_profile_falls_with_distance",
                "-0.8 - Spearman(|s − 15|, cos_trained(15, s)) > 0 over s ∈ 11..20 \\ {15}, γ 0.8, at " +
                V3Reading.Name),
        ];
        metrics["v3_reading_step"] = grid.PerSeed(s => Step(s)).ToJson();
        return Result(ctx, metrics, new RuleVersion("v1", checks), new RuleVersion("v2", v2),
            new RuleVersion("v3", v3, grid.PremiseAt(V3Reading)), V4.GatingAll(v3, grid.PremiseAt(V3Reading)));
    }

    private static JsonArray Array(double[] xs) => new(xs.Select(x => (JsonNode?)x).ToArray());
}
