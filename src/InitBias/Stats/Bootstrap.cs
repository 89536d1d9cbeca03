namespace InitBias.Stats;

/// <summary>A confidence interval with its level.</summary>
public sealed record Interval(double Low, double High, double Level);

/// <summary>Percentile bootstrap of the mean, from a fixed seed so the interval is reproducible.</summary>
public static class Bootstrap
{
    public static Interval MeanCi(IReadOnlyList<double> xs, double level = 0.95, int resamples = 10_000,
        ulong seed = 20250205)
    {
        if (xs.Count == 0) throw new ArgumentException("bootstrap of no values");
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level));
        var rng = new Rng(seed);
        var means = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            double s = 0;
            for (int i = 0; i < xs.Count; i++) s += xs[rng.NextInt(xs.Count)];
            means[r] = s / xs.Count;
        }
        Array.Sort(means);
        double alpha = (1 - level) / 2;
        return new Interval(Quantile(means, alpha), Quantile(means, 1 - alpha), level);
    }

    /// <summary>Linear-interpolation quantile of sorted values (type 7, as numpy's default).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
