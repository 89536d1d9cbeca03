using InitBias.Claims.Probes;
using InitBias.Experiments;
using InitBias.Figures;

namespace InitBias.Claims.Grids;

/// <summary>
/// The Emb-MLP grid (γ 0.3 / 0.8 × 8 seeds) with anchor-embedding checkpoints, read by C7-C10; Fig. 3B, 4A, 4B/4C.
/// </summary>
public static class EmbMlpGrid
{
    public const double Large = 0.3, Small = 0.8;
    public static readonly double[] Gammas = [Large, Small];

    /// <summary>
    /// Paper: epochs 50 and 900 of 1,000. ci trains 50 epochs: epochs 5 and 45 (10% and 90% of training).
    /// </summary>
    public static (int Early, int Late) CheckpointEpochs(string profile) =>
        profile == Profiles.Paper ? (50, 900) : (5, 45);

    public static (int Early, int Late) CheckpointSteps(ClaimContext ctx)
    {
        var c = ctx.ConfigOf("emb-mlp");
        int trainCount = (
            (c.Task.MemAnchorMax - c.Task.MemAnchorMin + 1) * (c.Task.MemAnchorMax - c.Task.MemAnchorMin + 1)
            + (c.Task.RsnAnchorMax - c.Task.RsnAnchorMin + 1) * (c.Task.RsnAnchorMax - c.Task.RsnAnchorMin + 1)
            - c.Task.HeldOutPairs.Length) * c.Task.NumKeys;
        int perEpoch = trainCount / c.Train.BatchSize;
        var (earlyEpoch, lateEpoch) = CheckpointEpochs(ctx.Profile);
        int early = earlyEpoch * perEpoch, late = lateEpoch * perEpoch;
        int last = c.Train.Steps / c.Train.EvalEvery * c.Train.EvalEvery;
        // Runs shrunk by ctx.Adjust (tests) may end before the profile's epochs: keep both checkpoints inside them.
        return late <= last ? (early, late) : (c.Train.EvalEvery, last);
    }

    /// <summary>
    /// C10 (b) compares the update from step 0 to the first evaluation (one epoch) with the label distributions.
    /// </summary>
    public static int FirstUpdateStep(ClaimContext ctx) => ctx.ConfigOf("emb-mlp").Train.EvalEvery;

    public static GridRun Get(ClaimContext ctx)
    {
        var (early, late) = CheckpointSteps(ctx);
        var steps = new HashSet<int> { 0, FirstUpdateStep(ctx), early, late };
        return GridRun.Get(ctx, "emb-mlp", Gammas,
            (dirs, members) => EmbeddingCheckpoints.Writer(dirs, steps, members[0].Task.Anchors()),
            (grid, folder) =>
            {
                LossCurves.Write(grid, Path.Combine(folder, "fig3b_emb_mlp_losses"), "Fig. 3B Emb-MLP");
                LossCurves.Write(grid, Path.Combine(folder, "fig3b_emb_mlp_accuracy"), "Emb-MLP accuracy", "acc");
                CosineHeatmaps.Write(
                    [grid.Dir(Small, 1), grid.Dir(Small, 1), grid.Dir(Large, 1), grid.Dir(Large, 1)],
                    [early, late, early, late],
                    ["γ 0.8, early", "γ 0.8, late", "γ 0.3, early", "γ 0.3, late"],
                    Path.Combine(folder, "fig4a_emb_mlp_cosines"));
                LabelFigures.WriteLabelCosines(ctx, grid, Path.Combine(folder, "fig4bc_label_distributions"));
            });
    }

    /// <summary>The anchor cosines a run holds at a checkpoint step.</summary>
    public static TokenCosines AnchorCos(GridRun grid, double gamma, long seed, int step) =>
        EmbeddingCheckpoints.Read(grid.Dir(gamma, seed), step).Cosines;
}
