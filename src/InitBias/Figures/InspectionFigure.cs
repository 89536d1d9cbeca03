using InitBias.Reading;
using ScottPlot;

namespace InitBias.Figures;

/// <summary>
/// `initbias inspect`'s figure: each mechanism statistic against the step, one line per inspected run (γ 0.8 red,
/// γ 0.3 blue, others orange), the progress point (solid) and the onset (dotted) of each run marked, so a reader
/// sees when each structure exists.
/// </summary>
public static class InspectionFigure
{
    private static readonly (string Title, Func<MechanismRow, double> Value)[] Panels =
    [
        ("C12: reasoning-anchor order ρ (want < −0.5)", r => r.Rho),
        ("C12: cos(memory) − cos(reasoning), w", r => r.MemMinusRsnCos),
        ("C12: the same on w − w0", r => r.MemMinusRsnCosLearned),
        ("C13: PCA order of the keys", r => r.KeyPcaOrder),
        ("C14: σ1/σ2 of layer-1 W^V", r => r.WvRatio),
        ("C14: u1 gap, reasoning − memory", r => r.U1Gap),
        ("C15: layer-2 key probe accuracy", r => r.KeyProbeLayer2 ?? double.NaN),
        ("C15 v3: key probe, layer-2 attention out", r => r.KeyProbeAttnOut ?? double.NaN),
        ("C16: eq. 14 max |difference|", r => r.Eq14MaxDifference),
        ("C16: Spearman(|s − 15|, cos(15, s))", r => r.Eq14Shape),
        ("C20: erank of w", r => r.Erank),
        ("C20: erank of w − w0", r => r.ErankLearned),
        ("C20: mean |cos| of w − w0 rows", r => r.MeanAbsCosLearned),
        ("acc_rsn_train", r => r.AccRsnTrain),
    ];

    public static void Write(IReadOnlyList<InspectedRun> runs, string pathWithoutExtension)
    {
        var figure = new Multiplot();
        figure.AddPlots(Panels.Length);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 3, columns: 5);
        for (int p = 0; p < Panels.Length; p++)
        {
            var plot = figure.GetPlot(p);
            foreach (var run in runs)
            {
                var color = run.Gamma == Grids.Gamma.SmallInit ? Figures.Panels.Red
                    : run.Gamma == Grids.Gamma.LargeInit ? Figures.Panels.Blue : Figures.Panels.Orange;
                var rows = run.Rows.Where(r => double.IsFinite(Panels[p].Value(r))).ToList();
                if (rows.Count == 0) continue;
                var line = plot.Add.ScatterLine(rows.Select(r => (double)r.Step).ToArray(),
                    rows.Select(Panels[p].Value).ToArray(), color.WithAlpha(0.7));
                line.LineWidth = 1.5f;
                line.MarkerSize = 0; // lines only: the SVG stays small
                if (p == 0) line.LegendText = $"γ {run.Gamma}, seed {run.Seed}";
                if (run.ProgressStep is { } step) plot.Add.VerticalLine(step, 1, color.WithAlpha(0.3));
                if (run.OnsetStep is { } onset)
                    plot.Add.VerticalLine(onset, 1, color.WithAlpha(0.3), ScottPlot.LinePattern.Dotted);
            }
            plot.Title(Panels[p].Title);
            plot.XLabel("step");
        }
        if (runs.Count <= 8) figure.GetPlot(0).ShowLegend(Alignment.UpperRight);
        FigureFile.Save(figure, pathWithoutExtension, 2200, 1100);
    }
}
