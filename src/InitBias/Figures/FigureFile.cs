using ScottPlot;
using SkiaSharp;

namespace InitBias.Figures;

/// <summary>Saves a multi-panel figure as PNG and SVG (headless; the SVG goes through Skia's SVG canvas).</summary>
public static class FigureFile
{
    /// <summary>Writes pathWithoutExtension.png and pathWithoutExtension.svg.</summary>
    public static void Save(Multiplot figure, string pathWithoutExtension, int width, int height)
    {
        foreach (var file in Files(pathWithoutExtension, stem: true)) Write(figure, file, width, height);
    }

    /// <summary>
    /// Writes the files a path names (Files): a path ending in .png or .svg is that one file; any other path is a
    /// stem for PATH.png and PATH.svg. Returns the files written.
    /// </summary>
    public static IReadOnlyList<string> SaveTo(Multiplot figure, string path, int width, int height)
    {
        var files = Files(path);
        foreach (var file in files) Write(figure, file, width, height);
        return files;
    }

    /// <summary>The files a figure path names: itself when it ends in .png or .svg (any case), else PATH.png and
    /// PATH.svg; with <paramref name="stem"/> always the latter.</summary>
    public static IReadOnlyList<string> Files(string path, bool stem = false) =>
        !stem && Path.GetExtension(path).ToLowerInvariant() is ".png" or ".svg" ? [path]
            : [path + ".png", path + ".svg"];

    private static void Write(Multiplot figure, string file, int width, int height)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        if (Path.GetExtension(file).Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            figure.SavePng(file, width, height);
            return;
        }
        using var stream = File.Create(file);
        using var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream);
        figure.Render(canvas, new PixelRect(0, width, height, 0));
    }

    public static Multiplot Columns(int panels)
    {
        var figure = new Multiplot();
        figure.AddPlots(panels);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        return figure;
    }
}
