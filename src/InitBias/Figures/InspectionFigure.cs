using InitBias.Reading;
using ScottPlot;

namespace InitBias.Figures;

/// <summary>
/// `initbias inspect`'s figure: each mechanism statistic against the step, one line per inspected run (γ 0.8 red,
/// γ 0.3 blue, others orange), the progress point (solid) and the onset (dotted) of each run marked, so a reader
/// sees when each structure exists, and each rule's threshold on the statistic it reads (PanelThreshold, dashed).
/// </summary>
public static class InspectionFigure
{
    /// <summary>The panels: the MechanismRow property each plots (PanelThreshold.Panel), title and value.</summary>
    private static readonly (string Name, string Title, Func<MechanismRow, double> Value)[] Panels =
    [
        (nameof(MechanismRow.Rho), "C12: reasoning-anchor order ρ", r => r.Rho),
        (nameof(MechanismRow.MemMinusRsnCos), "C12: cos(memory) − cos(reasoning), w", r => r.MemMinusRsnCos),
        (nameof(MechanismRow.MemMinusRsnCosLearned), "C12: the same on w − w0", r => r.MemMinusRsnCosLearned),
        (nameof(MechanismRow.KeyPcaOrder), "C13: PCA order of the keys", r => r.KeyPcaOrder),
        (nameof(MechanismRow.WvRatio), "C14: σ1/σ2 of layer-1 W^V", r => r.WvRatio),
        (nameof(MechanismRow.U1Gap), "C14: u1 gap, reasoning − memory", r => r.U1Gap),
        (nameof(MechanismRow.KeyProbeLayer2), "C15: layer-2 key probe accuracy", r => r.KeyProbeLayer2 ?? double.NaN),
        (nameof(MechanismRow.KeyProbeAttnOut), "C15 v3: key probe, layer-2 attention out",
            r => r.KeyProbeAttnOut ?? double.NaN),
        (nameof(MechanismRow.Eq14MaxDifference), "C16: eq. 14 max |difference|", r => r.Eq14MaxDifference),
        (nameof(MechanismRow.Eq14Shape), "C16: Spearman(|s − 15|, cos(15, s))", r => r.Eq14Shape),
        (nameof(MechanismRow.Erank), "C20: erank of w", r => r.Erank),
        (nameof(MechanismRow.ErankLearned), "C20: erank of w − w0", r => r.ErankLearned),
        (nameof(MechanismRow.MeanAbsCosLearned), "C20: mean |cos| of w − w0 rows", r => r.MeanAbsCosLearned),
        (nameof(MechanismRow.AccRsnTrain), "acc_rsn_train", r => r.AccRsnTrain),
    ];

    /// <summary>The statistics the figure plots, by MechanismRow property name.</summary>
    public static IReadOnlyList<string> PanelNames => [.. Panels.Select(p => p.Name)];

    /// <summary>
    /// Draws the figure to <paramref name="path"/> (FigureFile.SaveTo: PATH.png or PATH.svg is that file, any other
    /// path a stem for both), with each threshold on its panel; returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<InspectedRun> runs, string path,
        IReadOnlyList<PanelThreshold> thresholds)
    {
        if (thresholds.FirstOrDefault(t => !PanelNames.Contains(t.Panel)) is { } unknown)
            throw new ArgumentException($"the inspection figure has no panel {unknown.Panel}");
        var figure = new Multiplot();
        figure.AddPlots(Panels.Length);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 3, columns: 5);
        for (int p = 0; p < Panels.Length; p++)
        {
            var plot = figure.GetPlot(p);
            foreach (var run in runs)
            {
                var color = Colour(run);
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
            var rules = thresholds.Where(t => t.Panel == Panels[p].Name).ToList();
            foreach (var rule in rules) DrawThreshold(plot, rule, runs);
            plot.Title(rules.Count == 0 ? Panels[p].Title
                : $"{Panels[p].Title}\nrule: {string.Join("; ", rules.Select(r => r.Rule))}");
            plot.XLabel("step");
        }
        if (runs.Count <= 8) figure.GetPlot(0).ShowLegend(Alignment.UpperRight);
        return FigureFile.SaveTo(figure, path, 2200, 1100);
    }

    /// <summary>A rule's threshold as a dashed horizontal line: grey when fixed, in each run's colour when the
    /// run sets it.</summary>
    private static void DrawThreshold(Plot plot, PanelThreshold rule, IReadOnlyList<InspectedRun> runs)
    {
        if (rule.Value is { } value)
            plot.Add.HorizontalLine(value, 1.5f, Colors.Black.WithAlpha(0.6), LinePattern.Dashed);
        if (rule.PerRun is null) return;
        foreach (var run in runs)
            if (rule.PerRun(run) is { } own && double.IsFinite(own))
                plot.Add.HorizontalLine(own, 1, Colour(run).WithAlpha(0.5), LinePattern.Dashed);
    }

    private static Color Colour(InspectedRun run) =>
        run.Gamma == Grids.Gamma.SmallInit ? Figures.Panels.Red
        : run.Gamma == Grids.Gamma.LargeInit ? Figures.Panels.Blue : Figures.Panels.Orange;
}
