using InitBias.Reading;
using ScottPlot;

namespace InitBias.Figures;

/// <summary>
/// Fig. 4A and 5A: cosine similarity of the anchor embeddings (tokens 1..20), one panel per checkpoint, as the
/// anchor-embedding probe recorded them.
/// </summary>
public static class CosineHeatmaps
{
    public static void Write(IReadOnlyList<TokenCosines> panels, IReadOnlyList<int> steps,
        IReadOnlyList<string> titles, string pathWithoutExtension)
    {
        var figure = FigureFile.Columns(panels.Count);
        for (int i = 0; i < panels.Count; i++)
        {
            var cos = panels[i].Matrix;
            int n = cos.GetLength(0);
            // Heatmap rows draw from the top: flip so token 1 sits at the bottom-left like the axes.
            var flipped = new double[n, n];
            for (int r = 0; r < n; r++)
                for (int c = 0; c < n; c++) flipped[r, c] = cos[n - 1 - r, c];
            var plot = figure.GetPlot(i);
            var map = plot.Add.Heatmap(flipped);
            map.Colormap = new ScottPlot.Colormaps.Viridis();
            map.ManualRange = new ScottPlot.Range(-1, 1);
            // Cells are centred on 0..n-1; label them with the token ids 1..n.
            double[] ticks = [0, 4, 9, 14, 19];
            string[] labels = ["1", "5", "10", "15", "20"];
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels);
            plot.Add.ColorBar(map);
            plot.Title($"{titles[i]} (step {steps[i]})");
            plot.XLabel("anchor (1-10 memory, 11-20 reasoning)");
            plot.YLabel("anchor");
        }
        FigureFile.Save(figure, pathWithoutExtension, 430 * panels.Count, 400);
    }
}
