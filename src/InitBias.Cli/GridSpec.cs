using System.Globalization;

namespace InitBias.Cli;

/// <summary>Parses "--gamma 0.3,0.5,0.8" and "--seeds 1-8" / "1,2,5" into a γ × seed grid.</summary>
public static class GridSpec
{
    public static IReadOnlyList<double> Gammas(string text) =>
        Split(text).Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var g)
            ? g : throw new ArgumentException($"--gamma: '{s}' is not a number")).Distinct().ToList();

    public static IReadOnlyList<long> Seeds(string text)
    {
        var seeds = new List<long>();
        foreach (var part in Split(text))
        {
            var range = part.Split('-', 2);
            if (range.Length == 2 && long.TryParse(range[0], out var lo) && long.TryParse(range[1], out var hi)
                && lo <= hi && hi - lo < 10_000)
                for (long s = lo; s <= hi; s++) seeds.Add(s);
            else if (long.TryParse(part, out var one)) seeds.Add(one);
            else throw new ArgumentException($"--seed: '{part}' is not a seed or a range like 1-8");
        }
        return seeds.Distinct().ToList();
    }

    private static IEnumerable<string> Split(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length > 0 ? parts : throw new ArgumentException("empty list");
    }

}
