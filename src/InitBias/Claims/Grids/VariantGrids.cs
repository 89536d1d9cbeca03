using InitBias.Figures;

namespace InitBias.Claims.Grids;

/// <summary>
/// The transformer with one change (C22: no LayerNorm, a fifth of the learning rate; C23: next-token loss on every
/// position), γ 0.3 and 0.8 × 8 seeds each: the profile's transformer, but in `full` the `ci` transformer's 2,000
/// steps (ExperimentRegistry). Trained only in the profiles those claims run in (full, paper).
/// </summary>
public static class VariantGrids
{
    public const double Large = 0.3, Small = 0.8;
    public static readonly double[] Gammas = [Large, Small];

    public static GridRun WithoutLayerNorm(ClaimContext ctx) => Get(ctx, "transformer-no-ln", "without LayerNorm");
    public static GridRun LowLearningRate(ClaimContext ctx) => Get(ctx, "transformer-low-lr", "at a fifth of the lr");
    public static GridRun NextToken(ClaimContext ctx) => Get(ctx, "transformer-next-token", "next-token loss");

    /// <summary>The grid, with Fig. 3A's loss and accuracy curves for the variant (where a reader compares).</summary>
    private static GridRun Get(ClaimContext ctx, string experiment, string change) =>
        GridRun.Get(ctx, experiment, Gammas, figures: (grid, folder) =>
        {
            string name = experiment.Replace('-', '_');
            LossCurves.Write(grid, Path.Combine(folder, $"fig3a_{name}_losses"), $"Fig. 3A transformer, {change}");
            LossCurves.Write(grid, Path.Combine(folder, $"fig3a_{name}_accuracy"),
                $"Transformer accuracy, {change}", "acc");
        });
}
