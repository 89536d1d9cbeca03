namespace InitBias.Analysis;

/// <summary>
/// A linear probe: ridge regression from features to one-hot classes, fitted on the even-indexed samples and scored
/// (argmax) on the odd-indexed ones. It says whether a quantity (C15: the key z_p) is linearly readable from a
/// hidden state. Features are centred on the fitting half; ridge λ = 1e-2 × the mean diagonal of XᵀX (scale-free).
/// </summary>
public static class LinearProbe
{
    public static double HeldOutAccuracy(IReadOnlyList<double[]> features, IReadOnlyList<int> labels, int classes)
    {
        var fit = Enumerable.Range(0, features.Count).Where(i => i % 2 == 0).ToList();
        var test = Enumerable.Range(0, features.Count).Where(i => i % 2 == 1).ToList();
        int d = features[0].Length;
        var mean = new double[d];
        foreach (var i in fit)
            for (int k = 0; k < d; k++) mean[k] += features[i][k] / fit.Count;
        var xtx = new double[d, d];
        var xty = new double[d, classes];
        var yMean = new double[classes];
        foreach (var i in fit)
        {
            var x = features[i].Select((v, k) => v - mean[k]).ToArray();
            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b < d; b++) xtx[a, b] += x[a] * x[b];
                xty[a, labels[i]] += x[a];
            }
            yMean[labels[i]] += 1.0 / fit.Count;
        }
        double lambda = 1e-2 * Enumerable.Range(0, d).Average(k => xtx[k, k]) + 1e-12;
        for (int k = 0; k < d; k++) xtx[k, k] += lambda;
        var w = SolveSymmetric(xtx, xty);
        int correct = 0;
        foreach (var i in test)
        {
            int best = 0; double bestScore = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                double score = yMean[c];
                for (int k = 0; k < d; k++) score += (features[i][k] - mean[k]) * w[k, c];
                if (score > bestScore) { bestScore = score; best = c; }
            }
            if (best == labels[i]) correct++;
        }
        return (double)correct / test.Count;
    }

    /// <summary>Solves A X = B for symmetric positive-definite A by Cholesky.</summary>
    private static double[,] SolveSymmetric(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), m = b.GetLength(1);
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(s) : s / l[j, j];
            }
        var x = new double[n, m];
        for (int c = 0; c < m; c++)
        {
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = b[i, c];
                for (int k = 0; k < i; k++) s -= l[i, k] * y[k];
                y[i] = s / l[i, i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double s = y[i];
                for (int k = i + 1; k < n; k++) s -= l[k, i] * x[k, c];
                x[i, c] = s / l[i, i];
            }
        }
        return x;
    }
}
