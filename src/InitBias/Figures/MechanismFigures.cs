using InitBias.Analysis;
using InitBias.Probes;
using InitBias.Reading;
using InitBias.Tasks;
using ScottPlot;
using static InitBias.Grids.Gamma;

namespace InitBias.Figures;

/// <summary>
/// The transformer mechanism figures (5A-5D, 6, effective rank), drawn from the grid's probe files; one run is shown
/// where the paper shows one: the grid's first seed.
/// </summary>
public static class MechanismFigures
{
    public static void Write(ReadContext ctx, GridReader grid, string folder)
    {
        int last = grid.LastStep;
        long seed = grid.Seeds[0];
        CosineHeatmaps.Write([grid.LastAnchorCos(SmallInit, seed), grid.LastAnchorCos(LargeInit, seed)],
            [last, last], [$"γ 0.8, seed {seed}", "γ 0.3"], Path.Combine(folder, "fig5a_transformer_cosines"));
        Pca(grid, Path.Combine(folder, "fig5b_transformer_pca"));
        TheoryVsTrained(ctx, grid, Path.Combine(folder, "fig5c_theory_vs_trained"));
        TheoryPca(ctx, seed, Path.Combine(folder, "fig5d_theory_pca"));
        FirstLayer(grid, Path.Combine(folder, "fig6_first_layer"));
        EffectiveRank(grid, Path.Combine(folder, "fig_c20_effective_rank"));
    }

    private static void Pca(GridReader grid, string path)
    {
        var figure = FigureFile.Columns(2);
        var task = grid.Config.Task;
        var (memory, reasoning, keys) = (task.MemoryAnchors(), task.ReasoningAnchors(), task.Keys());
        long seed = grid.Seeds[0];
        foreach (var (i, g) in new[] { (0, SmallInit), (1, LargeInit) })
        {
            var proj = Linalg.PcaProjections(grid.Embeddings(g, seed), 2); // row k is token k + 1
            var plot = figure.GetPlot(i);
            // Keys (coloured by value, joined in value order) and reasoning anchors (red); memory anchors grey.
            var keyTokens = Enumerable.Range(keys.First, keys.Count).ToList();
            Panels.ValueScatter(plot, keyTokens.Select(t => proj[t - 1][0]).ToList(),
                keyTokens.Select(t => proj[t - 1][1]).ToList(), keyTokens);
            foreach (var (block, color, shape) in new[]
                     {
                         (memory, Panels.Grey, MarkerShape.OpenCircle),
                         (reasoning, Panels.Red, MarkerShape.FilledTriangleUp),
                     })
                for (int t = block.First; t <= block.Last; t++)
                {
                    var m = plot.Add.Marker(proj[t - 1][0], proj[t - 1][1]);
                    m.Color = color;
                    m.Shape = shape;
                    m.Size = 8;
                }
            plot.Title($"Fig. 5B: PCA of the embeddings, γ {g}, seed {seed}");
            plot.XLabel("PC1"); plot.YLabel("PC2");
        }
        FigureFile.Save(figure, path, 900, 420);
    }

    private static void TheoryVsTrained(ReadContext ctx, GridReader grid, string path)
    {
        var figure = FigureFile.Columns(2);
        var task = grid.Config.Task;
        var reasoning = task.ReasoningAnchors();
        var theory = Eq14Draws.Reasoning(ctx, grid.Seeds[0]);
        Panels.Heatmap(figure.GetPlot(0), Linalg.CosineMatrix(theory), reasoning.First, colorbar: "cos");
        figure.GetPlot(0).Title("Fig. 5C: eq. 14, cos(w̃_i, w̃_j)");
        var plot = figure.GetPlot(1);
        double[] s = Enumerable.Range(reasoning.First, reasoning.Count).Where(x => x != Eq14Draws.Reference)
            .Select(x => (double)x).ToArray();
        var trained = grid.Seeds.Select(seed => Eq14Draws.Profile(grid.LastAnchorCos(SmallInit, seed), reasoning))
            .ToList();
        var learned = grid.Seeds.Select(seed =>
            Eq14Draws.Profile(grid.LearnedAnchorCos(SmallInit, seed, task.Anchors()), reasoning)).ToList();
        for (int i = 0; i < trained.Count; i++)
            Panels.Line(plot, s, trained[i], Panels.Blue.WithAlpha(0.3), i == 0 ? "trained, each seed" : "", 1);
        double[] Mean(List<double[]> profiles) =>
            Enumerable.Range(0, s.Length).Select(j => profiles.Average(p => p[j])).ToArray();
        Panels.Line(plot, s, Mean(trained), Panels.Blue, "trained, mean of seeds");
        Panels.Line(plot, s, Eq14Draws.TheoryProfile(theory, reasoning), Panels.Red, "eq. 14");
        Panels.Line(plot, s, Mean(learned), Panels.Orange, "trained w - w0, mean of seeds");
        plot.Title("cos(w_15, w_s), γ 0.8, last step");
        plot.XLabel("reasoning anchor s"); plot.YLabel("cosine");
        plot.ShowLegend(Alignment.LowerCenter);
        FigureFile.Save(figure, path, 900, 420);
    }

    private static void TheoryPca(ReadContext ctx, long seed, string path)
    {
        var figure = FigureFile.Columns(2);
        var task = ctx.TaskOf("transformer");
        foreach (var (i, rows, first, title) in new[]
                 {
                     (0, Eq14Draws.Reasoning(ctx, seed), task.RsnAnchorMin, "reasoning anchors"),
                     (1, Eq14Draws.Keys(ctx, seed), task.KeyMin, "keys"),
                 })
        {
            var proj = Linalg.PcaProjections(rows, 2);
            Panels.ValueScatter(figure.GetPlot(i), proj.Select(p => p[0]).ToList(), proj.Select(p => p[1]).ToList(),
                Enumerable.Range(first, rows.Length).ToList());
            figure.GetPlot(i).Title($"Fig. 5D: PCA of eq. 14, {title}");
            figure.GetPlot(i).XLabel("PC1"); figure.GetPlot(i).YLabel("PC2");
        }
        FigureFile.Save(figure, path, 900, 420);
    }

    private static void FirstLayer(GridReader grid, string path)
    {
        var figure = FigureFile.Columns(4);
        long seed = grid.Seeds[0];
        foreach (var (i, g) in new[] { (0, SmallInit), (1, LargeInit) })
        {
            var m = ProbeFile.ToMatrix(grid.FirstMechanism(g, seed).Attn1Mean!);
            Panels.Heatmap(figure.GetPlot(i), m, 1, 0, 1, "attention");
            figure.GetPlot(i).Title($"Fig. 6: layer-1 attention at init, γ {g}, seed {seed}");
            figure.GetPlot(i).XLabel("key position j"); figure.GetPlot(i).YLabel("query position i");
        }
        var sv = figure.GetPlot(2);
        foreach (var (g, color) in new[] { (SmallInit, Panels.Red), (LargeInit, Panels.Blue) })
        {
            var values = grid.LastMechanism(g, seed).WvSingularValues!;
            Panels.Line(sv, Enumerable.Range(1, values.Length).Select(x => (double)x).ToArray(),
                values.Select(v => v / values[0]).ToArray(), color, $"γ {g}");
        }
        sv.Title("W^V spectrum σk/σ1, last step"); sv.XLabel("k"); sv.YLabel("σk / σ1");
        sv.ShowLegend(Alignment.UpperRight);
        var align = figure.GetPlot(3);
        var anchors = grid.Config.Task.Anchors();
        var memory = grid.Config.Task.MemoryAnchors();
        var cos = grid.LastMechanism(SmallInit, seed).U1AbsCosAnchors!;
        var bars = align.Add.Bars(Enumerable.Range(anchors.First, anchors.Count).Select(x => (double)x).ToArray(), cos);
        for (int k = 0; k < bars.Bars.Count(); k++)
            bars.Bars.ElementAt(k).FillColor = anchors.First + k <= memory.Last ? Panels.Grey : Panels.Red;
        align.Title("|cos(u1, w_s)|, γ 0.8, last step"); align.XLabel("anchor s"); align.YLabel("|cos|");
        FigureFile.Save(figure, path, 1700, 420);
    }

    private static void EffectiveRank(GridReader grid, string path)
    {
        var figure = FigureFile.Columns(2);
        var colors = new[] { Panels.Blue, Panels.Orange, Panels.Red };
        for (int gi = 0; gi < grid.Gammas.Count; gi++)
        {
            double g = grid.Gammas[gi];
            var runs = grid.Seeds.Select(s => grid.Mechanism(g, s)).ToList();
            double[] steps = grid.Probes(g, grid.Seeds[0]).Select(l => (double)l.Step).ToArray();
            foreach (var (p, f) in new (int, Func<MechanismReadout, double>)[]
                     {
                         (0, l => MechanismStatistics.Erank(l.Embeddings!)),
                         (1, l => MechanismStatistics.MeanCos(l.Embeddings!)),
                     })
                Panels.Line(figure.GetPlot(p), steps, steps.Select((_, j) => runs.Average(r => f(r[j]))).ToArray(),
                    colors[gi % 3], $"γ {g}");
        }
        figure.GetPlot(0).Title("Effective rank of the input-token embeddings");
        figure.GetPlot(0).YLabel("exp entropy of σ");
        figure.GetPlot(1).Title("Mean pairwise cosine of the input-token embeddings");
        figure.GetPlot(1).YLabel("cosine");
        foreach (int p in new[] { 0, 1 })
        {
            figure.GetPlot(p).XLabel("step");
            figure.GetPlot(p).ShowLegend(Alignment.UpperRight);
        }
        FigureFile.Save(figure, path, 900, 400);
    }
}
