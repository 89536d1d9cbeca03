using System.Text.Json.Nodes;
using InitBias.Figures;
using InitBias.Tasks;

namespace InitBias.Claims;

/// <summary>The label-distribution experiments of spec §3.5 (Fig. 8), γ 0.8 × 8 seeds each.</summary>
public static class LabelRangeGrids
{
    public static readonly double[] Gammas = [0.8];

    public static GridRun Groups(ClaimContext ctx) => GridRun.Get(ctx, "label-groups", Gammas, OutputProbe.Writer, grid =>
    {
        LabelFigures.WriteGroups(grid, EarlyStep(ctx), Path.Combine(ctx.OutRoot, "figures", "fig8_right_label_groups"));
        LabelFigures.WriteGroups(grid, ctx.ConfigOf("label-groups").Train.Steps, Path.Combine(ctx.OutRoot, "figures", "fig8_right_label_groups_last_step"));
    });

    public static GridRun Uniform(ClaimContext ctx) => GridRun.Get(ctx, "mem-uniform", Gammas);

    public static GridRun Local(ClaimContext ctx)
    {
        var local = GridRun.Get(ctx, "mem-local", Gammas);
        LabelFigures.WriteStructuredMemory(Uniform(ctx), local, Path.Combine(ctx.OutRoot, "figures", "fig8_left_structured_memory"));
        return local;
    }

    /// <summary>"Early in training": the evaluation at 10% of the run's steps.</summary>
    public static int EarlyStep(ClaimContext ctx)
    {
        var c = ctx.ConfigOf("label-groups").Train;
        int target = c.Steps / 10;
        return Math.Max(c.EvalEvery, target / c.EvalEvery * c.EvalEvery);
    }
}

public sealed class C18_OutputsStayInLabelRange : Claim
{
    public override string Id => "C18";
    public override string Name => nameof(C18_OutputsStayInLabelRange);
    public override string Figure => "Fig. 8 right";
    public override string Statement => "Early in training, while accuracy is low, each memory group's outputs stay inside that group's label range (30..49, 30..69, 30..89, 30..109).";
    public override bool ExpectedReproduced => false;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = LabelRangeGrids.Groups(ctx);
        int step = LabelRangeGrids.EarlyStep(ctx);
        var lines = grid.Seeds.ToDictionary(s => s, s => OutputProbe.Read(grid.Dir(0.8, s), step));
        double Value(long s, int g, string key) => lines[s][$"group{g}"]![key]!.GetValue<double>();
        var checks = new List<ClaimCheck>();
        for (int g = 1; g <= CompositionTaskConfig.LabelGroups; g++)
        {
            int group = g;
            checks.Add(SignCheck($"group{g}_outputs_in_range", $"share of group {g}'s argmax outputs inside 30..{29 + 20 * g} - 0.9 > 0 at step {step}",
                grid.Seeds.ToDictionary(s => s, s => Value(s, group, "in_range") - 0.9)));
        }
        checks.Add(SignCheck("outputs_follow_the_range", $"mean output of group 4 - mean output of group 1 > 0 at step {step}",
            grid.Seeds.ToDictionary(s => s, s => Value(s, 4, "mean_output") - Value(s, 1, "mean_output"))));
        checks.Add(SignCheck("accuracy_still_low", $"0.5 - mean accuracy over the groups > 0 at step {step} (the premise: early training)",
            grid.Seeds.ToDictionary(s => s, s => 0.5 - Enumerable.Range(1, 4).Average(g => Value(s, g, "accuracy")))));
        var metrics = new JsonObject { ["step"] = step };
        foreach (var s in grid.Seeds)
            metrics[$"s{s}"] = new JsonObject(Enumerable.Range(1, 4).Select(g => KeyValuePair.Create($"group{g}", (JsonNode?)new JsonObject
            {
                ["in_range"] = Value(s, g, "in_range"), ["mean_output"] = Value(s, g, "mean_output"), ["accuracy"] = Value(s, g, "accuracy"),
            })));
        return Result(ctx, checks, metrics);
    }
}

public sealed class C19_StructuredMemoryLearnedFaster : Claim
{
    public override string Id => "C19";
    public override string Name => nameof(C19_StructuredMemoryLearnedFaster);
    public override string Figure => "Fig. 8 left";
    public override string Statement => "Structured memory (F_mem,2: labels near z_p) is learned significantly faster than unstructured memory (F_mem,1: labels uniform on Z).";
    public override bool ExpectedReproduced => true;

    public override ClaimResult Run(ClaimContext ctx)
    {
        var uniform = LabelRangeGrids.Uniform(ctx);
        var local = LabelRangeGrids.Local(ctx);
        double Auc(IReadOnlyList<Dictionary<string, double>> m) => m.Average(r => r["acc_mem"]);
        var auc1 = uniform.PerSeed(0.8, Auc); var auc2 = local.PerSeed(0.8, Auc);
        var fin1 = uniform.PerSeed(0.8, m => m[^1]["acc_mem"]); var fin2 = local.PerSeed(0.8, m => m[^1]["acc_mem"]);
        var checks = new List<ClaimCheck>
        {
            SignCheck("faster_over_training", "mean memory accuracy over all evaluations: F_mem,2 - F_mem,1 > 0, paired by seed", auc2.ToDictionary(kv => kv.Key, kv => kv.Value - auc1[kv.Key])),
            SignCheck("ahead_at_the_end", "memory accuracy at the last evaluation: F_mem,2 - F_mem,1 > 0, paired by seed", fin2.ToDictionary(kv => kv.Key, kv => kv.Value - fin1[kv.Key])),
        };
        var metrics = new JsonObject { ["uniform"] = GridMetrics(uniform, [0.8]), ["local"] = GridMetrics(local, [0.8]) };
        return Result(ctx, checks, metrics);
    }
}
