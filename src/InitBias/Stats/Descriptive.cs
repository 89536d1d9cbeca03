namespace InitBias.Stats;

public static class Descriptive
{
    public static double Mean(IReadOnlyCollection<double> xs) =>
        xs.Count > 0 ? xs.Sum() / xs.Count : throw new ArgumentException("mean of no values");

    /// <summary>Sample standard deviation (n - 1 in the denominator); 0 for a single value.</summary>
    public static double StdDev(IReadOnlyCollection<double> xs)
    {
        if (xs.Count < 2) return 0;
        double m = Mean(xs);
        return Math.Sqrt(xs.Sum(x => (x - m) * (x - m)) / (xs.Count - 1));
    }
}
