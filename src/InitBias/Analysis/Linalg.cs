using static TorchSharp.torch;

namespace InitBias.Analysis;

/// <summary>Small dense linear algebra on row matrices (double[rows][cols]) for the mechanism analyses.</summary>
public static class Linalg
{
    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    public static double Cosine(double[] a, double[] b)
    {
        double n = Norm(a) * Norm(b);
        return n == 0 ? 0 : Dot(a, b) / n;
    }

    public static double[,] CosineMatrix(IReadOnlyList<double[]> rows)
    {
        var m = new double[rows.Count, rows.Count];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < rows.Count; j++) m[i, j] = Cosine(rows[i], rows[j]);
        return m;
    }

    /// <summary>Mean of cos(x_i, x_j) over pairs i ≠ j in O(n·d): (|Σ x_i/|x_i||² − n) / (n(n − 1)).</summary>
    public static double MeanPairwiseCosine(IReadOnlyList<double[]> rows)
    {
        int n = rows.Count;
        if (n < 2) return double.NaN;
        var sum = new double[rows[0].Length];
        foreach (var r in rows)
        {
            double norm = Norm(r);
            if (norm == 0) continue;
            for (int j = 0; j < sum.Length; j++) sum[j] += r[j] / norm;
        }
        return (Dot(sum, sum) - n) / ((double)n * (n - 1));
    }

    public static double[] Subtract(double[] a, double[] b) => a.Select((x, i) => x - b[i]).ToArray();

    /// <summary>Thin SVD M = U diag(S) Vᵀ (S descending) through libtorch in double precision.</summary>
    public static (double[][] U, double[] S, double[][] Vt) Svd(IReadOnlyList<double[]> rows)
    {
        int r = rows.Count, c = rows[0].Length;
        using var scope = NewDisposeScope();
        var m = tensor(rows.SelectMany(x => x).ToArray(), [r, c], dtype: ScalarType.Float64, device: CPU);
        var (u, s, vt) = linalg.svd(m, fullMatrices: false);
        return (ToRows(u), Read(s), ToRows(vt));
    }

    public static double[] SingularValues(IReadOnlyList<double[]> rows) => Svd(rows).S;

    /// <summary>
    /// Effective rank exp(H(p)), p_k = σ_k / Σσ (Roy and Vetterli 2007): equals the rank for equal singular values
    /// and falls towards 1 as one direction dominates.
    /// </summary>
    public static double EffectiveRank(double[] singularValues)
    {
        double total = singularValues.Sum();
        if (total == 0) return 0;
        double h = 0;
        foreach (var s in singularValues)
            if (s > 0) { double p = s / total; h -= p * Math.Log(p); }
        return Math.Exp(h);
    }

    /// <summary>PCA of the rows: their projections on the first k principal components (rows centred first).</summary>
    public static double[][] PcaProjections(IReadOnlyList<double[]> rows, int k)
    {
        int c = rows[0].Length;
        var mean = Enumerable.Range(0, c).Select(j => rows.Average(r => r[j])).ToArray();
        var centred = rows.Select(r => Subtract(r, mean)).ToList();
        var (u, s, _) = Svd(centred);
        return u.Select(row => Enumerable.Range(0, k).Select(j => row[j] * s[j]).ToArray()).ToArray();
    }

    /// <summary>
    /// Share of points whose nearest other point (Euclidean, in the given coordinates) is an index neighbour (i ± 1):
    /// 1 for points strung along a curve in index order, whatever the curve's shape; about 2/n for random points.
    /// </summary>
    public static double NeighbourOrder(IReadOnlyList<double[]> points)
    {
        int hits = 0;
        for (int i = 0; i < points.Count; i++)
        {
            int best = -1; double bestD = double.MaxValue;
            for (int j = 0; j < points.Count; j++)
            {
                if (j == i) continue;
                double d = Norm(Subtract(points[i], points[j]));
                if (d < bestD) { bestD = d; best = j; }
            }
            if (Math.Abs(best - i) == 1) hits++;
        }
        return hits / (double)points.Count;
    }

    private static double[] Read(Tensor t)
    {
        using var contiguous = t.contiguous();
        using var accessor = contiguous.data<double>();
        return accessor.ToArray();
    }

    private static double[][] ToRows(Tensor t)
    {
        var flat = Read(t);
        int cols = (int)t.shape[1];
        return Enumerable.Range(0, (int)t.shape[0]).Select(i => flat.AsSpan(i * cols, cols).ToArray()).ToArray();
    }
}
