using ScottPlot;

namespace InitBias.Figures;

/// <summary>Panel drawing shared by the figures: matrix heatmaps, value-coloured point clouds, mean curves.</summary>
public static class Panels
{
    public static readonly Color Blue = new(31, 119, 180), Red = new(214, 39, 40), Orange = new(255, 127, 14),
        Green = new(44, 160, 44), Grey = new(127, 127, 127);

    /// <summary>A matrix heatmap with row 0 at the bottom and cells labelled firstLabel, firstLabel + 1, ...</summary>
    public static void Heatmap(Plot plot, double[,] m, int firstLabel, double min = -1, double max = 1,
        string? colorbar = null)
    {
        int rows = m.GetLength(0), cols = m.GetLength(1);
        var flipped = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) flipped[r, c] = m[rows - 1 - r, c];
        var map = plot.Add.Heatmap(flipped);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        map.ManualRange = new ScottPlot.Range(min, max);
        int step = Math.Max(1, (Math.Max(rows, cols) + 4) / 5);
        var xt = Enumerable.Range(0, cols).Where(i => i % step == 0).ToArray();
        var yt = Enumerable.Range(0, rows).Where(i => i % step == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            xt.Select(i => (double)i).ToArray(), xt.Select(i => (i + firstLabel).ToString()).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            yt.Select(i => (double)i).ToArray(), yt.Select(i => (i + firstLabel).ToString()).ToArray());
        var bar = plot.Add.ColorBar(map);
        if (colorbar is not null) bar.Label = colorbar;
    }

    /// <summary>
    /// Points coloured by their value (viridis, low = dark), with the lowest and highest value labelled.
    /// </summary>
    public static void ValueScatter(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> ys,
        IReadOnlyList<int> values, bool connect = true)
    {
        var cmap = new ScottPlot.Colormaps.Viridis();
        double lo = values.Min(), hi = values.Max();
        if (connect)
        {
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), Grey.WithAlpha(0.4));
            line.LineWidth = 1;
        }
        for (int i = 0; i < xs.Count; i++)
        {
            var marker = plot.Add.Marker(xs[i], ys[i]);
            marker.Color = cmap.GetColor(hi > lo ? (values[i] - lo) / (hi - lo) : 0.5);
            marker.Size = 8;
        }
        foreach (int i in new[] { 0, xs.Count - 1 })
        {
            var text = plot.Add.Text(values[i].ToString(), xs[i], ys[i]);
            text.LabelFontSize = 12;
        }
    }

    public static void Line(Plot plot, double[] xs, double[] ys, Color color, string legend, float width = 2)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = width;
        line.LegendText = legend;
    }
}
