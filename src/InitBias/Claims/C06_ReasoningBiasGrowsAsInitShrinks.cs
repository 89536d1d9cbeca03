using InitBias.Grids;
using InitBias.Reading;
using InitBias.Stats;
using InitBias.Tasks;
using static InitBias.Grids.Gamma;

namespace InitBias.Claims;

/// <summary>C6, Fig. 3A: the reasoning bias grows as the initialisation shrinks, γ 0.3 &lt; 0.5 &lt; 0.8.</summary>
public sealed class C06_ReasoningBiasGrowsAsInitShrinks : Claim
{
    public override string Figure => "Fig. 3A (γ = 0.3, 0.5, 0.8)";
    public override string Statement => "The reasoning bias grows as the initialisation shrinks: γ = 0.3 < 0.5 < 0.8.";
    public override ExpectedStatus Expected => new(Ci: Reproduced, Full: NotReproduced);
    public override IReadOnlyList<GridDeclaration> Grids => [ClaimGrids.Transformer];

    public override ClaimResult Evaluate(ReadContext ctx)
    {
        var grid = ctx.Read(ClaimGrids.Transformer);
        SeedSeries Bias(double g) => grid.PerSeed(g, m => m[^1].DeltaL(EvalGroup.RsnTest));
        ClaimCheck[] checks =
        [
            Bias(SmallInit).Minus(Bias(MidInit)).SignCheck("bias_0.8_above_0.5",
                "ΔL_test(γ 0.8) - ΔL_test(γ 0.5) > 0, paired by seed"),
            Bias(MidInit).Minus(Bias(LargeInit)).SignCheck("bias_0.5_above_0.3",
                "ΔL_test(γ 0.5) - ΔL_test(γ 0.3) > 0, paired by seed"),
        ];
        return Result(ctx, checks, grid.SnapshotMetrics(grid.Gammas));
    }
}
