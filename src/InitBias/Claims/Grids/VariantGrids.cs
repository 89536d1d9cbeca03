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

    public static GridRun WithoutLayerNorm(ClaimContext ctx) => GridRun.Get(ctx, "transformer-no-ln", Gammas);
    public static GridRun LowLearningRate(ClaimContext ctx) => GridRun.Get(ctx, "transformer-low-lr", Gammas);
    public static GridRun NextToken(ClaimContext ctx) => GridRun.Get(ctx, "transformer-next-token", Gammas);
}
