using System.Text.Json.Nodes;
using InitBias.Claims.Grids;
using InitBias.Claims.Probes;
using static InitBias.Claims.Grids.LabelRangeGrids;

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
    public override ExpectedStatus Expected => ExpectedStatus.NotReproduced;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = Groups(ctx);
        int step = EarlyStep(ctx);
        var lines = grid.Seeds.ToDictionary(s => s, s => OutputProbe.Read(grid.Dir(Small, s), step));
        SeedSeries PerSeed(Func<OutputProbeLine, double> f) => SeedSeries.Of(grid.Seeds, s => f(lines[s]));
        var groups = lines[grid.Seeds[0]].Groups;
        var checks = new List<ClaimCheck>();
        for (int g = 0; g < groups.Length; g++)
        {
            int group = g;
            checks.Add(PerSeed(l => l.Groups[group].InRange).Above(0.9).SignCheck($"group{g + 1}_outputs_in_range",
                $"share of group {g + 1}'s argmax outputs inside {groups[g].LabelMin}..{groups[g].LabelMax} " +
                $"- 0.9 > 0 at step {step}"));
        }
        checks.Add(PerSeed(l => l.Groups[^1].MeanOutput - l.Groups[0].MeanOutput).SignCheck("outputs_follow_the_range",
            $"mean output of group 4 - mean output of group 1 > 0 at step {step}"));
        checks.Add(PerSeed(l => l.Groups.Average(x => x.Accuracy)).Below(0.5).SignCheck("accuracy_still_low",
            $"0.5 - mean accuracy over the groups > 0 at step {step} (the premise: early training)"));
        var metrics = new JsonObject { ["step"] = step };
        foreach (var s in grid.Seeds)
            metrics[$"s{s}"] = new JsonObject(lines[s].Groups.Select((x, g) => KeyValuePair.Create($"group{g + 1}",
                (JsonNode?)new JsonObject
                {
                    ["in_range"] = x.InRange,
                    ["mean_output"] = x.MeanOutput,
                    ["accuracy"] = x.Accuracy
                })));
        return Result(ctx, checks, metrics);
    }
}
