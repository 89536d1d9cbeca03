using InitBias.Claims.Grids;
using InitBias.Tasks;
using static InitBias.Claims.Grids.TransformerGrid;

namespace InitBias.Claims;

/// <summary>C6, Fig. 3A: the reasoning bias grows as the initialisation shrinks, γ 0.3 &lt; 0.5 &lt; 0.8.</summary>
public sealed class C06_ReasoningBiasGrowsAsInitShrinks : Claim
{
    public override string Figure => "Fig. 3A (γ = 0.3, 0.5, 0.8)";
    public override string Statement => "The reasoning bias grows as the initialisation shrinks: γ = 0.3 < 0.5 < 0.8.";
    public override ExpectedStatus Expected => new(Ci: true, Full: false);

    public override ClaimResult Run(ClaimContext ctx)
    {
        var grid = TransformerGrid.Get(ctx);
        SeedSeries Bias(double g) => grid.PerSeed(g, m => m[^1].DeltaL(EvalGroup.RsnTest));
        ClaimCheck[] checks =
        [
            Bias(Small).Minus(Bias(Reference)).SignCheck("bias_0.8_above_0.5",
                "ΔL_test(γ 0.8) - ΔL_test(γ 0.5) > 0, paired by seed"),
            Bias(Reference).Minus(Bias(Large)).SignCheck("bias_0.5_above_0.3",
                "ΔL_test(γ 0.5) - ΔL_test(γ 0.3) > 0, paired by seed"),
        ];
        return Result(ctx, checks, grid.SnapshotMetrics(Gammas));
    }
}
