using System.Text.Json.Nodes;
using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>
/// C19, Fig. 8 left: structured memory (labels near the key) is learned faster than uniform random labels.
/// </summary>
public sealed class C19_StructuredMemoryLearnedFaster : Claim
{
    public override string Figure => "Fig. 8 left";
    public override string Statement =>
        "Structured memory (F_mem,2: labels near z_p) is learned significantly faster than unstructured memory " +
        "(F_mem,1: labels uniform on Z).";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: Reproduced, Paper: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.MemUniform, ClaimGrids.MemLocal];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var uniform = ctx.Read(ClaimGrids.MemUniform);
        var local = ctx.Read(ClaimGrids.MemLocal);
        static double OverTraining(IReadOnlyList<MetricRow> m) => m.Average(r => r.Accuracy(EvalGroup.Mem));
        static double AtTheEnd(IReadOnlyList<MetricRow> m) => m[^1].Accuracy(EvalGroup.Mem);
        ClaimCheck[] checks =
        [
            local.PerSeed(SmallInit, OverTraining).Minus(uniform.PerSeed(SmallInit, OverTraining)).SignCheck(
                "faster_over_training",
                "mean memory accuracy over all evaluations: F_mem,2 - F_mem,1 > 0, paired by seed"),
            local.PerSeed(SmallInit, AtTheEnd).Minus(uniform.PerSeed(SmallInit, AtTheEnd)).SignCheck(
                "ahead_at_the_end",
                "memory accuracy at the last evaluation: F_mem,2 - F_mem,1 > 0, paired by seed"),
        ];
        var metrics = new JsonObject
        {
            ["uniform"] = uniform.SnapshotMetrics([SmallInit]),
            ["local"] = local.SnapshotMetrics([SmallInit]),
        };
        return Result(ctx, checks, metrics);
    }
}
