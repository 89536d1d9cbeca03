using ScottPlot;
using SkiaSharp;

namespace InitBias.Figures;

/// <summary>Saves a multi-panel figure as PNG and SVG (headless; the SVG goes through Skia's SVG canvas).</summary>
public static class FigureFile
{
    public static void Save(Multiplot figure, string pathWithoutExtension, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pathWithoutExtension))!);
        figure.SavePng(pathWithoutExtension + ".png", width, height);
        using (var stream = File.Create(pathWithoutExtension + ".svg"))
        {
            using var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream);
            figure.Render(canvas, new PixelRect(0, width, height, 0));
        }
    }

    public static Multiplot Columns(int panels)
    {
        var figure = new Multiplot();
        figure.AddPlots(panels);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        return figure;
    }
}
