namespace InitBias.Stats;

/// <summary>The result of an exact one-sided sign test: how many of the non-zero differences are positive.</summary>
public sealed record SignTestResult(int Positive, int NonZero, int Ties, double PValue);

/// <summary>
/// Exact one-sided sign test of H0: a difference is as likely negative as positive, against H1: positive.
/// p = P(Binomial(n, 1/2) ≥ k) over the n non-zero differences; zeros are dropped (the usual convention).
/// </summary>
public static class SignTest
{
    public static SignTestResult Greater(IEnumerable<double> differences)
    {
        var d = differences.ToList();
        if (d.Any(double.IsNaN)) throw new ArgumentException("a difference is NaN");
        int k = d.Count(x => x > 0), n = d.Count(x => x != 0);
        return new SignTestResult(k, n, d.Count - n, UpperTail(n, k));
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
