namespace InitBias.Theory;

/// <summary>
/// The theoretical embeddings of Theorem 1 in the validation form of eq. 14 (spec §7.3), coordinates i = 1..d_m:
/// w̃_s,i = exp(-(i - s)² / 12) - 1/d_m + ε for reasoning anchors, exp(-(i - s)² / 12) + ε for keys,
/// with ε ~ N(0, (d_m^-γ)²) drawn from a private seeded generator.
/// </summary>
public static class Eq14Embeddings
{
    public const double TwoSigmaP = 12;

    public static double[] Embedding(int token, bool reasoningAnchor, int dModel, double gamma, Rng rng)
    {
        double noise = Math.Pow(dModel, -gamma);
        var w = new double[dModel];
        for (int i = 1; i <= dModel; i++)
        {
            double bump = Math.Exp(-(double)(i - token) * (i - token) / TwoSigmaP);
            w[i - 1] = bump - (reasoningAnchor ? 1.0 / dModel : 0) + noise * Gaussian(rng);
        }
        return w;
    }

    /// <summary>Embeddings of consecutive tokens first..last, all from one generator (in token order).</summary>
    public static double[][] Embeddings(int first, int last, bool reasoningAnchors, int dModel, double gamma,
        ulong seed)
    {
        var rng = new Rng(seed);
        return Enumerable.Range(first, last - first + 1)
            .Select(t => Embedding(t, reasoningAnchors, dModel, gamma, rng)).ToArray();
    }

    /// <summary>Standard normal by Box-Muller from the private generator.</summary>
    private static double Gaussian(Rng rng)
    {
        double u1 = (rng.NextULong() >> 11) * (1.0 / (1UL << 53));
        double u2 = (rng.NextULong() >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
