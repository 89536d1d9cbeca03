using InitBias.Claims.Probes;
using InitBias.Figures;

namespace InitBias.Claims.Grids;

/// <summary>
/// The label-distribution experiments of spec §3.5 (Fig. 8), γ 0.8 × 8 seeds each, read by C18 and C19.
/// </summary>
public static class LabelRangeGrids
{
    public const double Small = 0.8;
    public static readonly double[] Gammas = [Small];

    /// <summary>
    /// Four groups of memory pairs with nested label ranges 30..49 up to 30..109, and the output probe.
    /// </summary>
    public static GridRun Groups(ClaimContext ctx) => GridRun.Get(ctx, "label-groups", Gammas, OutputProbe.Writer,
        (grid, folder) =>
        {
            LabelFigures.WriteGroups(grid, EarlyStep(ctx), Path.Combine(folder, "fig8_right_label_groups"));
            LabelFigures.WriteGroups(grid, ctx.ConfigOf("label-groups").Train.Steps,
                Path.Combine(folder, "fig8_right_label_groups_last_step"));
        });

    /// <summary>F_mem,1: labels uniform on Z.</summary>
    public static GridRun Uniform(ClaimContext ctx) => GridRun.Get(ctx, "mem-uniform", Gammas);

    /// <summary>F_mem,2: labels uniform on z ± Σa; its figure sets it against F_mem,1.</summary>
    public static GridRun Local(ClaimContext ctx) => GridRun.Get(ctx, "mem-local", Gammas, figures: (local, folder) =>
        LabelFigures.WriteStructuredMemory(Uniform(ctx), local, Path.Combine(folder, "fig8_left_structured_memory")));

    /// <summary>"Early in training": the evaluation at 10% of the run's steps.</summary>
    public static int EarlyStep(ClaimContext ctx)
    {
        var c = ctx.ConfigOf("label-groups").Train;
        int target = c.Steps / 10;
        return Math.Max(c.EvalEvery, target / c.EvalEvery * c.EvalEvery);
    }
}
