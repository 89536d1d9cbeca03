using InitBias.Stats;

namespace InitBias.Analysis;

/// <summary>
/// The embedding geometry the claims read: means over a cosine matrix, PCA order (a token block's cosines and
/// their order along values: Reading.TokenCosines).
/// </summary>
public static class Geometry
{
    /// <summary>Mean of |m[i, j]| over the pairs i &lt; j of a square matrix.</summary>
    public static double MeanAbsCos(double[,] m)
    {
        int n = m.GetLength(0);
        double s = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) s += Math.Abs(m[i, j]);
        return s / (n * (n - 1) / 2.0);
    }

    /// <summary>Mean of all off-diagonal entries of a square matrix.</summary>
    public static double MeanOffDiagonal(double[,] m)
    {
        int n = m.GetLength(0);
        double s = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) if (i != j) s += m[i, j];
        return s / (n * (n - 1));
    }

    /// <summary>
    /// PCA of all rows; for the rows <paramref name="subset"/>, max over PC1 and PC2 of |Spearman(value, projection)|:
    /// 1 when one of the two leading components orders the subset by value.
    /// </summary>
    public static double PcaOrder(IReadOnlyList<double[]> rows, IReadOnlyList<int> subset, IReadOnlyList<double> values)
    {
        var proj = Linalg.PcaProjections(rows, 2);
        return Enumerable.Range(0, 2)
            .Max(c => Math.Abs(Spearman.Correlation(values, subset.Select(k => proj[k][c]).ToList())));
    }

    /// <summary>Mean of a slice of values, summed in order.</summary>
    public static double Mean(IReadOnlyList<double> values, int from, int to)
    {
        double s = 0;
        for (int i = from; i < to; i++) s += values[i];
        return s / (to - from);
    }
}
