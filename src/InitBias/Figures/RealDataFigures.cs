using InitBias.Claims;
using ScottPlot;

namespace InitBias.Figures;

/// <summary>Fig. 7A (ΔL against γ) and Fig. 7B (embedding cosines of corpus-only tokens) from the gpt2-mix grid.</summary>
public static class RealDataFigures
{
    public static void Write(GridRun grid, string folder)
    {
        DeltaL(grid, Path.Combine(folder, "fig7a_delta_l_vs_gamma"));
        Heatmaps(grid, Path.Combine(folder, "fig7b_token_cosines"));
    }

    private static void DeltaL(GridRun grid, string path)
    {
        var figure = FigureFile.Columns(2);
        double[] gammas = grid.Gammas.ToArray();
        foreach (var (p, title, f) in new (int, string, Func<IReadOnlyList<Dictionary<string, double>>, double>)[]
                 { (0, "matched steps (first half of training)", Gpt2Grid.MatchedSteps), (1, "matched progress (mixture loss halfway)", Gpt2Grid.MatchedProgress) })
        {
            var plot = figure.GetPlot(p);
            foreach (var s in grid.Seeds)
                Panels.Line(plot, gammas, gammas.Select(g => f(grid.Metrics(g, s))).ToArray(), Panels.Grey.WithAlpha(0.4), s == grid.Seeds[0] ? "each seed" : "", 1);
            Panels.Line(plot, gammas, gammas.Select(g => grid.Seeds.Average(s => f(grid.Metrics(g, s)))).ToArray(), Panels.Red, "mean of seeds");
            plot.Title($"Fig. 7A ΔL, {title}");
            plot.XLabel("γ"); plot.YLabel("ΔL = (L_TS − L_PQ) / L_PQ");
            plot.ShowLegend(Alignment.UpperLeft);
        }
        FigureFile.Save(figure, path, 900, 400);
    }

    private static void Heatmaps(GridRun grid, string path)
    {
        var figure = FigureFile.Columns(2);
        long seed = grid.Seeds[0];
        int step = Gpt2Grid.EarlyStep(grid.Metrics(0.8, seed));
        var line = Gpt2Probe.Read(grid.Dir(0.8, seed)).First(l => l["step"]!.GetValue<int>() == step);
        foreach (var (p, key, name) in new[] { (0, "pq", "PrOntoQA-only"), (1, "ts", "TinyStories-only") })
        {
            var rows = TransformerProbe.Matrix(line[$"heatmap_{key}"]!);
            var m = new double[rows.Length, rows.Length];
            for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows.Length; j++) m[i, j] = rows[i][j];
            Panels.Heatmap(figure.GetPlot(p), m, 1, -1, 1, "cos");
            figure.GetPlot(p).Title($"Fig. 7B {name} tokens, mean cos {line[$"cos_{key}"]!.GetValue<double>():0.000}");
            figure.GetPlot(p).XLabel($"{Gpt2Probe.HeatmapTokens} most frequent (γ 0.8, step {step})");
        }
        FigureFile.Save(figure, path, 900, 420);
    }
}
