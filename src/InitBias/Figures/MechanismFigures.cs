using InitBias.Analysis;
using InitBias.Claims;
using ScottPlot;

namespace InitBias.Figures;

/// <summary>The transformer mechanism figures (5A-5D, 6, effective rank), drawn from the grid's probe files.</summary>
public static class MechanismFigures
{
    public static void Write(ClaimContext ctx, GridRun grid, string folder)
    {
        int last = TransformerGrid.LastStep(grid);
        CosineHeatmaps.Write([grid.Dir(0.8, 1), grid.Dir(0.3, 1)], [last, last], ["γ 0.8", "γ 0.3"], Path.Combine(folder, "fig5a_transformer_cosines"));
        Pca(ctx, grid, Path.Combine(folder, "fig5b_transformer_pca"));
        TheoryVsTrained(ctx, grid, Path.Combine(folder, "fig5c_theory_vs_trained"));
        TheoryPca(ctx, Path.Combine(folder, "fig5d_theory_pca"));
        FirstLayer(grid, Path.Combine(folder, "fig6_first_layer"));
        EffectiveRank(grid, Path.Combine(folder, "fig_c20_effective_rank"));
    }

    private static void Pca(ClaimContext ctx, GridRun grid, string path)
    {
        var figure = FigureFile.Columns(2);
        foreach (var (i, g) in new[] { (0, 0.8), (1, 0.3) })
        {
            var emb = TransformerReadings.Embeddings(grid, g, 1);
            var proj = Linalg.PcaProjections(emb, 2);
            int firstKey = ctx.TaskOf("transformer").KeyMin;
            var plot = figure.GetPlot(i);
            // Keys (coloured by value, joined in value order) and reasoning anchors (red); memory anchors grey.
            var keys = Enumerable.Range(firstKey - 1, emb.Length - firstKey + 1).ToList();
            Panels.ValueScatter(plot, keys.Select(k => proj[k][0]).ToList(), keys.Select(k => proj[k][1]).ToList(), keys.Select(k => k + 1).ToList());
            for (int k = 0; k < 20; k++)
            {
                var m = plot.Add.Marker(proj[k][0], proj[k][1]);
                m.Color = k < 10 ? Panels.Grey : Panels.Red;
                m.Shape = k < 10 ? MarkerShape.OpenCircle : MarkerShape.FilledTriangleUp;
                m.Size = 8;
            }
            plot.Title($"Fig. 5B: PCA of the embeddings, γ {g}");
            plot.XLabel("PC1"); plot.YLabel("PC2");
        }
        FigureFile.Save(figure, path, 900, 420);
    }

    private static void TheoryVsTrained(ClaimContext ctx, GridRun grid, string path)
    {
        var figure = FigureFile.Columns(2);
        var theory = TheoryEmbeddings.Reasoning(ctx, 1);
        Panels.Heatmap(figure.GetPlot(0), Linalg.CosineMatrix(theory), 11, colorbar: "cos");
        figure.GetPlot(0).Title("Fig. 5C: eq. 14, cos(w̃_i, w̃_j)");
        var plot = figure.GetPlot(1);
        double[] s = Enumerable.Range(11, 10).Where(x => x != TheoryEmbeddings.Reference).Select(x => (double)x).ToArray();
        foreach (var seed in grid.Seeds)
            Panels.Line(plot, s, TheoryEmbeddings.Profile(TransformerReadings.AnchorCos(grid, 0.8, seed)), Panels.Blue.WithAlpha(0.3), seed == 1 ? "trained, each seed" : "", 1);
        var mean = Enumerable.Range(0, s.Length).Select(j => grid.Seeds.Average(seed => TheoryEmbeddings.Profile(TransformerReadings.AnchorCos(grid, 0.8, seed))[j])).ToArray();
        Panels.Line(plot, s, mean, Panels.Blue, "trained, mean of seeds");
        Panels.Line(plot, s, TheoryEmbeddings.TheoryProfile(theory), Panels.Red, "eq. 14");
        var learned = Enumerable.Range(0, s.Length).Select(j => grid.Seeds.Average(seed => TheoryEmbeddings.Profile(TransformerReadings.LearnedAnchorCos(grid, 0.8, seed))[j])).ToArray();
        Panels.Line(plot, s, learned, Panels.Orange, "trained w - w0, mean of seeds");
        plot.Title("cos(w_15, w_s), γ 0.8, last step");
        plot.XLabel("reasoning anchor s"); plot.YLabel("cosine");
        plot.ShowLegend(Alignment.LowerCenter);
        FigureFile.Save(figure, path, 900, 420);
    }

    private static void TheoryPca(ClaimContext ctx, string path)
    {
        var figure = FigureFile.Columns(2);
        var task = ctx.TaskOf("transformer");
        foreach (var (i, rows, first, title) in new[] { (0, TheoryEmbeddings.Reasoning(ctx, 1), task.RsnAnchorMin, "reasoning anchors"), (1, TheoryEmbeddings.Keys(ctx, 1), task.KeyMin, "keys") })
        {
            var proj = Linalg.PcaProjections(rows, 2);
            Panels.ValueScatter(figure.GetPlot(i), proj.Select(p => p[0]).ToList(), proj.Select(p => p[1]).ToList(), Enumerable.Range(first, rows.Length).ToList());
            figure.GetPlot(i).Title($"Fig. 5D: PCA of eq. 14, {title}");
            figure.GetPlot(i).XLabel("PC1"); figure.GetPlot(i).YLabel("PC2");
        }
        FigureFile.Save(figure, path, 900, 420);
    }

    private static void FirstLayer(GridRun grid, string path)
    {
        var figure = FigureFile.Columns(4);
        foreach (var (i, g) in new[] { (0, 0.8), (1, 0.3) })
        {
            var mean = TransformerProbe.Matrix(TransformerProbe.Read(grid.Dir(g, 1))[0]["attn1_mean"]!);
            int n = mean.Length;
            var m = new double[n, n];
            for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) m[r, c] = mean[r][c];
            Panels.Heatmap(figure.GetPlot(i), m, 1, 0, 1, "attention");
            figure.GetPlot(i).Title($"Fig. 6: layer-1 attention at init, γ {g}");
            figure.GetPlot(i).XLabel("key position j"); figure.GetPlot(i).YLabel("query position i");
        }
        var sv = figure.GetPlot(2);
        foreach (var (g, color) in new[] { (0.8, Panels.Red), (0.3, Panels.Blue) })
        {
            var values = TransformerProbe.Doubles(TransformerReadings.LastProbe(grid, g, 1)["wv_singular_values"]!);
            Panels.Line(sv, Enumerable.Range(1, values.Length).Select(x => (double)x).ToArray(), values.Select(v => v / values[0]).ToArray(), color, $"γ {g}");
        }
        sv.Title("W^V spectrum σk/σ1, last step"); sv.XLabel("k"); sv.YLabel("σk / σ1");
        sv.ShowLegend(Alignment.UpperRight);
        var align = figure.GetPlot(3);
        var cos = TransformerProbe.Doubles(TransformerReadings.LastProbe(grid, 0.8, 1)["u1_abs_cos_anchors"]!);
        var bars = align.Add.Bars(Enumerable.Range(1, 20).Select(x => (double)x).ToArray(), cos);
        for (int k = 0; k < bars.Bars.Count(); k++) bars.Bars.ElementAt(k).FillColor = k < 10 ? Panels.Grey : Panels.Red;
        align.Title("|cos(u1, w_s)|, γ 0.8, last step"); align.XLabel("anchor s"); align.YLabel("|cos|");
        FigureFile.Save(figure, path, 1700, 420);
    }

    private static void EffectiveRank(GridRun grid, string path)
    {
        var figure = FigureFile.Columns(2);
        var colors = new[] { Panels.Blue, Panels.Orange, Panels.Red };
        for (int gi = 0; gi < grid.Gammas.Count; gi++)
        {
            double g = grid.Gammas[gi];
            var runs = grid.Seeds.Select(s => TransformerProbe.Read(grid.Dir(g, s))).ToList();
            double[] steps = runs[0].Select(l => l["step"]!.GetValue<double>()).ToArray();
            foreach (var (p, key) in new[] { (0, "effective_rank"), (1, "mean_cos") })
                Panels.Line(figure.GetPlot(p), steps, steps.Select((_, j) => runs.Average(r => r[j][key]!.GetValue<double>())).ToArray(), colors[gi % 3], $"γ {g}");
        }
        figure.GetPlot(0).Title("Effective rank of the input-token embeddings"); figure.GetPlot(0).YLabel("exp entropy of σ");
        figure.GetPlot(1).Title("Mean pairwise cosine of the input-token embeddings"); figure.GetPlot(1).YLabel("cosine");
        foreach (int p in new[] { 0, 1 }) { figure.GetPlot(p).XLabel("step"); figure.GetPlot(p).ShowLegend(Alignment.UpperRight); }
        FigureFile.Save(figure, path, 900, 400);
    }
}
