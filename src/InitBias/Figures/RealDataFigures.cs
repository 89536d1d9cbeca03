using InitBias.Grids;
using InitBias.Probes;
using InitBias.Reading;
using ScottPlot;

namespace InitBias.Figures;

/// <summary>
/// Fig. 7A (ΔL against γ) and Fig. 7B (embedding cosines of corpus-only tokens) from the gpt2-mix grid.
/// </summary>
public static class RealDataFigures
{
    public static void Write(GridReader grid, string folder)
    {
        DeltaL(grid, Path.Combine(folder, "fig7a_delta_l_vs_gamma"));
        Heatmaps(grid, Path.Combine(folder, "fig7b_token_cosines"));
    }

    private static void DeltaL(GridReader grid, string path)
    {
        var figure = FigureFile.Columns(2);
        double[] gammas = grid.Gammas.ToArray();
        foreach (var (p, title, f) in new (int, string, Func<IReadOnlyList<MetricRow>, double>)[]
                 {
                     (0, "matched steps (first half)", MixtureReadings.MatchedSteps),
                     (1, "matched progress (L_mix halfway)", MixtureReadings.MatchedProgress)
                 })
        {
            var plot = figure.GetPlot(p);
            foreach (var s in grid.Seeds)
                Panels.Line(plot, gammas, gammas.Select(g => f(grid.Rows(g, s))).ToArray(),
                    Panels.Grey.WithAlpha(0.4), s == grid.Seeds[0] ? "each seed" : "", 1);
            Panels.Line(plot, gammas, gammas.Select(g => grid.Seeds.Average(s => f(grid.Rows(g, s)))).ToArray(),
                Panels.Red, "mean of seeds");
            plot.Title($"7A: ΔL at {title}");
            plot.XLabel("γ"); plot.YLabel("ΔL = (L_TS − L_PQ) / L_PQ");
            plot.ShowLegend(Alignment.UpperLeft);
        }
        FigureFile.Save(figure, path, 1000, 400);
    }

    private static void Heatmaps(GridReader grid, string path)
    {
        var figure = FigureFile.Columns(2);
        long seed = grid.Seeds[0];
        int step = MixtureReadings.EarlyStep(grid.Rows(Gamma.SmallInit, seed));
        var line = grid.ProbeAt(Gamma.SmallInit, seed, step).TokenSets!;
        foreach (var (p, rows, cos, name) in new[]
                 {
                     (0, line.HeatmapPq, line.CosPq, "PrOntoQA-only"),
                     (1, line.HeatmapTs, line.CosTs, "TinyStories-only")
                 })
        {
            Panels.Heatmap(figure.GetPlot(p), ProbeFile.ToMatrix(rows), 1, -1, 1, "cos");
            figure.GetPlot(p).Title($"7B: {name}, mean cos {cos:0.000}");
            figure.GetPlot(p).XLabel(
                $"{RealData.CorpusTokenSets.HeatmapTokens} most frequent (γ 0.8, seed {seed}, step {step})");
        }
        FigureFile.Save(figure, path, 1000, 420);
    }
}
