using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Probes;
using InitBias.Reading;
using InitBias.Stats;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>
/// C18, Fig. 8 right: early in training each memory group's outputs stay inside the group's label range.
/// </summary>
public sealed class C18_OutputsStayInLabelRange : Claim
{
    public override string Figure => "Fig. 8 right";
    public override string Statement =>
        "Early in training, while accuracy is low, each memory group's outputs stay inside that group's label range " +
        "(30..49, 30..69, 30..89, 30..109).";
    public override ExpectedStatus Expected => new(Ci: NotReproduced, Full: NotReproduced, Paper: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.LabelGroups];

    /// <summary>v3 reads the disjoint design, trained in full and paper only (the ci budget takes no new grid).
    /// </summary>
    public override IReadOnlyList<GridDeclaration> GridsIn(string profile) =>
        profile == Experiments.Profiles.Ci ? Grids : [ClaimGrids.LabelGroups, ClaimGrids.LabelGroupsDisjoint];

    public override string Premise => "early in training, while accuracy is still low (mean accuracy over the " +
                                      "groups below 0.5) and, since v4, once the outputs have moved away from their " +
                                      "initial distribution (gained mass at least 0.05 in every group)";

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.LabelGroups);
        int step = ClaimGrids.LabelGroupsEarlyStep(grid.Config);
        var lines = grid.Seeds.ToDictionary(s => s, s => grid.ProbeAt(SmallInit, s, step).Outputs!);
        SeedSeries PerSeed(Func<GroupOutputs[], double> f) => grid.PerSeed(s => f(lines[s]));
        var groups = lines[grid.Seeds[0]];
        var checks = new List<ClaimCheck>();
        for (int g = 0; g < groups.Length; g++)
        {
            int group = g;
            checks.Add(PerSeed(l => l[group].InRange).Above(0.9).SignCheck($"group{g + 1}_outputs_in_range",
                $"share of group {g + 1}'s argmax outputs inside {groups[g].LabelMin}..{groups[g].LabelMax} " +
                $"- 0.9 > 0 at step {step}"));
        }
        checks.Add(PerSeed(l => l[^1].MeanOutput - l[0].MeanOutput).SignCheck("outputs_follow_the_range",
            $"mean output of group 4 - mean output of group 1 > 0 at step {step}"));
        checks.Add(PerSeed(l => l.Average(x => x.Accuracy)).Below(0.5).SignCheck("accuracy_still_low",
            $"0.5 - mean accuracy over the groups > 0 at step {step} (the premise: early training)"));
        // v2 (CLAIMS.md): the softmax mass, not the argmax. Little mass outside each group's range, and group 4's
        // outputs reach beyond 49, where group 1's labels never are.
        int top = groups[0].LabelMax;
        static double Outside(GroupOutputs x) => 1 - x.Mass(x.LabelMin, x.LabelMax);
        var beyond = PerSeed(l => l[^1].Mass(top + 1, l[^1].LabelMax) - l[0].Mass(top + 1, l[^1].LabelMax));
        ClaimCheck[] v2 =
        [
            PerSeed(l => l.Max(Outside)).Below(0.1).SignCheck("little_mass_outside_each_range",
                $"0.1 - max over groups of the mean softmax mass outside the group's range > 0 at step {step}"),
            beyond.SignCheck("group_4_reaches_beyond_group_1s_range",
                $"mass on labels {top + 1}..{groups[^1].LabelMax} of group 4 - that of group 1 > 0 at step {step}"),
            checks[^1],
        ];
        var metrics = new JsonObject { ["step"] = step };
        foreach (var s in grid.Seeds) metrics[$"s{s}"] = Groups(lines[s], top, groups[^1].LabelMax);
        if (ctx.Profile == Experiments.Profiles.Ci) return Result(ctx, checks, v2, metrics);
        var v3 = V3(ctx, metrics);
        return Result(ctx, metrics, new RuleVersion("v1", checks), new RuleVersion("v2", v2), v3,
            C18GainedMass.V4(ctx.Read(ClaimGrids.LabelGroupsDisjoint), metrics));
    }

    /// <summary>
    /// v3 (CLAIMS.md, "Rules v3"): v2's two checks on the disjoint design, where Prop. 1 keeps each group's outputs in
    /// its range (its prediction is recorded first); the accuracy check becomes the premise.
    /// </summary>
    private static RuleVersion V3(ReadContext ctx, JsonObject metrics)
    {
        var grid = ctx.Read(ClaimGrids.LabelGroupsDisjoint);
        int step = ClaimGrids.LabelGroupsEarlyStep(grid.Config);
        var lines = grid.Seeds.ToDictionary(s => s, s => grid.ProbeAt(SmallInit, s, step).Outputs!);
        SeedSeries PerSeed(Func<GroupOutputs[], double> f) => grid.PerSeed(s => f(lines[s]));
        var groups = lines[grid.Seeds[0]];
        int top = groups[0].LabelMax;
        static double Outside(GroupOutputs x) => 1 - x.Mass(x.LabelMin, x.LabelMax);
        var prediction = new JsonObject();
        // Counted by each run from its training data at step 0 (LabelDistributionsSpec, Theory.LabelRangePrediction).
        foreach (var s in grid.Seeds)
            prediction[$"s{s}"] = new JsonObject(grid.Prop1ShareOutsideRange(SmallInit, s).Select((x, g) =>
                KeyValuePair.Create($"group{g + 1}", (JsonNode?)x)));
        metrics["v3_disjoint_step"] = step;
        // A share of the mass gained since step 0 (Prop. 1), not a total mass: v4 reads the observed counterpart.
        metrics["v4_prop1_predicted_share_of_gained_mass_outside_range"] = prediction;
        var observed = new JsonObject();
        foreach (var s in grid.Seeds) observed[$"s{s}"] = Groups(lines[s], top, groups[^1].LabelMax);
        metrics["v3_disjoint"] = observed;
        return new RuleVersion("v3",
        [
            PerSeed(l => l.Max(Outside)).Below(0.1).SignCheck("v3_little_mass_outside_each_range",
                "disjoint design: 0.1 - max over groups of the mean softmax mass outside the group's range > 0 at " +
                $"step {step}"),
            PerSeed(l => l[^1].Mass(top + 1, l[^1].LabelMax) - l[0].Mass(top + 1, l[^1].LabelMax)).SignCheck(
                "v3_group_4_reaches_beyond_group_1s_range",
                $"disjoint design: mass on labels {top + 1}..{groups[^1].LabelMax} of group 4 - that of group 1 > " +
                $"0 at step {step}"),
        ], PerSeed(l => l.Average(x => x.Accuracy)).Below(0.5).SignCheck("v3_accuracy_still_low",
            $"disjoint design: 0.5 - mean accuracy over the groups > 0 at step {step}"));
    }

    private static JsonObject Groups(GroupOutputs[] groups, int top, int max) =>
        new(groups.Select((x, g) => KeyValuePair.Create($"group{g + 1}", (JsonNode?)new JsonObject
        {
            ["in_range"] = x.InRange,
            ["mean_output"] = x.MeanOutput,
            ["accuracy"] = x.Accuracy,
            ["mass_outside_range"] = 1 - x.Mass(x.LabelMin, x.LabelMax),
            ["mass_beyond_group1_range"] = x.Mass(top + 1, max),
        })));
}
