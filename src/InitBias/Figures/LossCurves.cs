using InitBias.Reading;
using InitBias.Tasks;
using ScottPlot;

namespace InitBias.Figures;

/// <summary>
/// Fig. 3A / 3B: per γ a panel of the loss (or accuracy) of each group over steps, mean over the grid's seeds, read
/// from metrics.jsonl.
/// </summary>
public static class LossCurves
{
    private static readonly Dictionary<EvalGroup, Color> Colors = new()
    {
        [EvalGroup.Mem] = new Color(31, 119, 180),
        [EvalGroup.RsnTrain] = new Color(214, 39, 40),
        [EvalGroup.RsnTest] = new Color(255, 127, 14),
        // Fig. 1: PrOntoQA red, TinyStories blue, as the paper.
        [EvalGroup.ProntoQa] = new Color(214, 39, 40),
        [EvalGroup.TinyStories] = new Color(31, 119, 180),
    };

    public static void Write(GridReader grid, string pathWithoutExtension, string title, string metric = "loss")
    {
        var figure = FigureFile.Columns(grid.Gammas.Count);
        for (int i = 0; i < grid.Gammas.Count; i++)
        {
            double g = grid.Gammas[i];
            var runs = grid.Seeds.Select(s => grid.Rows(g, s).Select(r => r.Values).ToList()).ToList();
            var plot = figure.GetPlot(i);
            double[] steps = runs[0].Select(r => r["step"]).ToArray();
            foreach (var group in EvalGroups.All)
            {
                string key = $"{metric}_{group.Key()}";
                if (!runs[0][0].ContainsKey(key)) continue;
                double[] mean = steps.Select((_, j) => runs.Average(r => r[j][key])).ToArray();
                var line = plot.Add.ScatterLine(steps, mean, Colors[group]);
                line.LineWidth = 2;
                line.LegendText = group.Key();
            }
            plot.Title($"{title}, γ = {g}");
            plot.XLabel("step");
            plot.YLabel($"{(metric == "acc" ? "accuracy" : metric)} (mean of {runs.Count} seeds)");
            plot.ShowLegend(metric == "acc" ? Alignment.UpperLeft : Alignment.UpperRight); // away from the curves
        }
        FigureFile.Save(figure, pathWithoutExtension, 420 * grid.Gammas.Count, 380);
    }
}
