namespace InitBias.Stats;

/// <summary>Pairs per-seed values of two conditions (e.g. γ = 0.8 and γ = 0.3 trained from the same seeds).</summary>
public static class Paired
{
    /// <summary>a[seed] - b[seed] over the seeds both have, in seed order.</summary>
    public static IReadOnlyList<double> Differences(IReadOnlyDictionary<long, double> a, IReadOnlyDictionary<long, double> b)
    {
        var seeds = a.Keys.Intersect(b.Keys).Order().ToList();
        if (seeds.Count == 0) throw new ArgumentException("no seed in common");
        return seeds.Select(s => a[s] - b[s]).ToList();
    }
}
