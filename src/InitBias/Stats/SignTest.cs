namespace InitBias.Stats;

/// <summary>The result of an exact one-sided sign test: how many of the n seeds' differences are positive.</summary>
public sealed record SignTestResult(int Positive, int NonZero, int Ties, double PValue)
{
    public int Seeds => NonZero + Ties;
}

/// <summary>
/// Exact one-sided sign test of H0: a difference is as likely negative as positive, against H1: positive.
/// p = P(Binomial(n, 1/2) ≥ k) over all n seeds: a tie is not a success and is not dropped (CLAIMS.md, v4
/// semantics), so 5 positive and 3 ties is 5 of 8 (p 0.36), not 5 of 5 (p 1/32): a claim cannot pass on seeds
/// where its statistic did not move.
/// </summary>
public static class SignTest
{
    public static SignTestResult Greater(IEnumerable<double> differences)
    {
        var d = differences.ToList();
        if (d.Any(double.IsNaN)) throw new ArgumentException("a difference is NaN");
        int k = d.Count(x => x > 0), nonZero = d.Count(x => x != 0);
        return new SignTestResult(k, nonZero, d.Count - nonZero, UpperTail(d.Count, k));
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, 1/2), summed exactly in log space.</summary>
    public static double UpperTail(int n, int k)
    {
        if (n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(n));
        if (k == 0) return 1;
        if (k > n) return 0;
        double p = 0;
        for (int i = k; i <= n; i++) p += Math.Exp(LogChoose(n, i) - n * Math.Log(2));
        return Math.Min(1, p);
    }

    private static double LogChoose(int n, int k)
    {
        double s = 0;
        for (int i = 1; i <= k; i++) s += Math.Log(n - k + i) - Math.Log(i);
        return s;
    }
}
