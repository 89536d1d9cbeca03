using InitBias.Grids;
using InitBias.Reading;

namespace InitBias.Figures;

/// <summary>
/// The figures each grid draws once it is trained (the pipeline's figure step), read like a claim reads: through the
/// grid reader of the context. Every figure is drawn from the grid's own seeds (its first seed where one run is
/// shown), so any profile's grid can be drawn.
/// </summary>
public static class GridFigures
{
    public static void Draw(GridDeclaration grid, ReadContext ctx, string folder)
    {
        string Path(string name) => System.IO.Path.Combine(folder, name);
        if (grid == ClaimGrids.Transformer)
        {
            var reader = ctx.Read(grid);
            LossCurves.Write(reader, Path("fig3a_transformer_losses"), "Fig. 3A transformer");
            LossCurves.Write(reader, Path("fig3a_transformer_accuracy"), "Transformer accuracy", "acc");
            MechanismFigures.Write(ctx, reader, folder);
        }
        else if (grid == ClaimGrids.EmbMlp)
        {
            var reader = ctx.Read(grid);
            LossCurves.Write(reader, Path("fig3b_emb_mlp_losses"), "Fig. 3B Emb-MLP");
            LossCurves.Write(reader, Path("fig3b_emb_mlp_accuracy"), "Emb-MLP accuracy", "acc");
            var (early, late) = ClaimGrids.EmbMlpCheckpoints(reader.Config, ctx.Profile);
            long seed = reader.Seeds[0];
            CosineHeatmaps.Write(
                [
                    reader.AnchorCos(Gamma.SmallInit, seed, early), reader.AnchorCos(Gamma.SmallInit, seed, late),
                    reader.AnchorCos(Gamma.LargeInit, seed, early), reader.AnchorCos(Gamma.LargeInit, seed, late),
                ],
                [early, late, early, late],
                [$"γ 0.8, seed {seed}, early", "γ 0.8, late", "γ 0.3, early", "γ 0.3, late"],
                Path("fig4a_emb_mlp_cosines"));
            LabelFigures.WriteLabelCosines(reader, Path("fig4bc_label_distributions"));
        }
        else if (grid == ClaimGrids.Gpt2Mix)
        {
            var reader = ctx.Read(grid);
            LossCurves.Write(reader, Path("fig1_gpt2_mixture_losses"), "Fig. 1 GPT-2 mixture");
            RealDataFigures.Write(reader, folder);
        }
        else if (grid == ClaimGrids.LabelGroups)
        {
            var reader = ctx.Read(grid);
            LabelFigures.WriteGroups(reader, ClaimGrids.LabelGroupsEarlyStep(reader.Config),
                Path("fig8_right_label_groups"));
            LabelFigures.WriteGroups(reader, reader.LastStep, Path("fig8_right_label_groups_last_step"));
        }
        else if (grid == ClaimGrids.LabelGroupsDisjoint)
        {
            var reader = ctx.Read(grid);
            LabelFigures.WriteGroups(reader, ClaimGrids.LabelGroupsEarlyStep(reader.Config),
                Path("fig8_right_label_groups_disjoint"));
        }
        else if (grid == ClaimGrids.MemLocal)
            LabelFigures.WriteStructuredMemory(ctx.Read(ClaimGrids.MemUniform), ctx.Read(grid),
                Path("fig8_left_structured_memory"));
        else if (Variants.TryGetValue(grid, out var change))
        {
            var reader = ctx.Read(grid);
            string name = grid.Experiment.Replace('-', '_');
            LossCurves.Write(reader, Path($"fig3a_{name}_losses"), $"Fig. 3A transformer, {change}");
            LossCurves.Write(reader, Path($"fig3a_{name}_accuracy"), $"Transformer accuracy, {change}", "acc");
        }
        // mem-uniform (drawn with mem-local) and emb-mlp-noisy (a contrast, no figure of its own) draw nothing.
    }

    /// <summary>The variants of C22 and C23 get Fig. 3A's curves, where a reader compares them.</summary>
    private static readonly Dictionary<GridDeclaration, string> Variants = new()
    {
        [ClaimGrids.TransformerNoLayerNorm] = "without LayerNorm",
        [ClaimGrids.TransformerLowLr] = "at a fifth of the lr",
        [ClaimGrids.TransformerNextToken] = "next-token loss",
    };
}
