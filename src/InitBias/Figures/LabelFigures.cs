using InitBias.Grids;
using InitBias.Reading;
using InitBias.Tasks;
using ScottPlot;

namespace InitBias.Figures;

/// <summary>Label-distribution figures: 4B/4C (P_s and its cosines against the embedding updates) and Fig. 8.</summary>
public static class LabelFigures
{
    public static void WriteLabelCosines(GridReader embMlp, string path)
    {
        var figure = FigureFile.Columns(3);
        long seed = embMlp.Seeds[0];
        var recorded = embMlp.LabelDistributions(Gamma.SmallInit, seed); // counted by the run from its data
        var dists = new[] { 3, 11, 15, 20 }.Select(t => recorded.Single(d => d.Token == t)).ToList();
        var plot = figure.GetPlot(0);
        var colors = new[] { Panels.Grey, Panels.Blue, Panels.Orange, Panels.Red };
        double[] ids = Enumerable.Range(0, dists[0].P.Length).Select(i => (double)i).ToArray();
        for (int k = 0; k < dists.Count; k++)
            Panels.Line(plot, ids, dists[k].P, colors[k], $"s = {dists[k].Token}{(k == 0 ? " (memory)" : "")}", 1.5f);
        plot.Title($"Fig. 4B: P_s from the training data (seed {seed})");
        plot.XLabel("label id"); plot.YLabel("P(Y_s = i)");
        plot.ShowLegend(Alignment.UpperRight);
        int step = ClaimGrids.EmbMlpFirstUpdateStep(embMlp.Config);
        var (labels, updates) = LabelCosines.Of(embMlp, seed, step);
        // Colour ranges from each matrix's smallest entry to 1: the update cosines all lie near 1 and a -1..1 scale
        // hides their structure.
        Panels.Heatmap(figure.GetPlot(1), labels, 1, Min(labels), 1, "cos");
        figure.GetPlot(1).Title("Fig. 4C: cos(P̃_i, P̃_j)");
        Panels.Heatmap(figure.GetPlot(2), updates, 1, Min(updates), 1, "cos");
        figure.GetPlot(2).Title($"cos(Δw_i, Δw_j), step 0 → {step}, γ 0.8");
        foreach (int p in new[] { 1, 2 })
        {
            figure.GetPlot(p).XLabel("anchor (1-10 memory, 11-20 reasoning)");
            figure.GetPlot(p).YLabel("anchor");
        }
        FigureFile.Save(figure, path, 1350, 420);
    }

    private static double Min(double[,] m) => m.Cast<double>().Min();

    /// <summary>
    /// Fig. 8 right: histograms of the argmax outputs per label group at the early step (all seeds pooled).
    /// </summary>
    public static void WriteGroups(GridReader grid, int step, string path)
    {
        var figure = FigureFile.Columns(CompositionTaskConfig.LabelGroups);
        for (int g = 0; g < CompositionTaskConfig.LabelGroups; g++)
        {
            var (lo, hi) = CompositionTaskConfig.GroupLabelRange(g);
            double[]? counts = null;
            foreach (var s in grid.Seeds)
            {
                var h = grid.ProbeAt(Gamma.SmallInit, s, step).Outputs![g].Histogram
                    .Select(x => (double)x).ToArray();
                counts ??= new double[h.Length];
                for (int i = 0; i < h.Length; i++) counts[i] += h[i];
            }
            var plot = figure.GetPlot(g);
            var bars = plot.Add.Bars(Enumerable.Range(0, counts!.Length).Select(i => (double)i).ToArray(), counts);
            foreach (var bar in bars.Bars)
            {
                bar.FillColor = bar.Position >= lo && bar.Position <= hi ? Panels.Blue : Panels.Red;
                bar.LineWidth = 0;
                bar.Size = 1;
            }
            plot.Add.VerticalLine(lo - 0.5, 1, Panels.Grey);
            plot.Add.VerticalLine(hi + 0.5, 1, Panels.Grey);
            plot.Title($"Fig. 8 right, group {g + 1}: labels {lo}..{hi}");
            plot.XLabel($"argmax output at step {step}"); plot.YLabel($"count ({grid.Seeds.Count} seeds)");
            plot.Axes.SetLimitsX(0, 140);
        }
        FigureFile.Save(figure, path, 1600, 380);
    }

    /// <summary>Fig. 8 left: memory accuracy and loss over steps, F_mem,1 against F_mem,2 (mean of seeds).</summary>
    public static void WriteStructuredMemory(GridReader uniform, GridReader local, string path)
    {
        var figure = FigureFile.Columns(2);
        foreach (var (p, key) in new[] { (0, "acc_mem"), (1, "loss_mem") }) // as in metrics.jsonl
            foreach (var (grid, color, name) in new[]
                     { (uniform, Panels.Blue, "F_mem,1 (uniform on Z)"), (local, Panels.Red, "F_mem,2 (z ± Σa)") })
            {
                var runs = grid.Seeds.Select(s => grid.Rows(Gamma.SmallInit, s).Select(r => r.Values).ToList())
                    .ToList();
                double[] steps = runs[0].Select(r => r["step"]).ToArray();
                Panels.Line(figure.GetPlot(p), steps, steps.Select((_, j) => runs.Average(r => r[j][key])).ToArray(),
                    color, name);
            }
        figure.GetPlot(0).Title("Fig. 8 left: memory accuracy, γ 0.8");
        figure.GetPlot(0).YLabel("accuracy (mean of 8 seeds)");
        figure.GetPlot(1).Title("memory loss"); figure.GetPlot(1).YLabel("loss (mean of 8 seeds)");
        figure.GetPlot(0).ShowLegend(Alignment.UpperLeft); figure.GetPlot(1).ShowLegend(Alignment.UpperRight);
        foreach (int p in new[] { 0, 1 }) figure.GetPlot(p).XLabel("step");
        FigureFile.Save(figure, path, 900, 400);
    }
}
