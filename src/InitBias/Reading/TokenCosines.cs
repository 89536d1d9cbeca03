using InitBias.Analysis;
using InitBias.Stats;
using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>
/// A cosine matrix over a block of tokens, read by token blocks: the one place anchor cosines are computed from
/// recorded rows (docs/reading.md), and the statistics of them the claims read (C8, C9, C12, C16), each once.
/// </summary>
public sealed record TokenCosines(double[,] Matrix, int FirstToken)
{
    /// <summary>
    /// The one anchor-cosine function: cosines, in double, among a block's rows of recorded rows whose index 0 is
    /// token <paramref name="firstToken"/>. Every anchor cosine a claim, figure or `inspect` reads is computed here
    /// from rows; none is recorded.
    /// </summary>
    public static TokenCosines Among(double[][] rows, int firstToken, TokenBlock block) =>
        new(Linalg.CosineMatrix(block.Slice(rows, firstToken)), block.First);

    /// <summary>Among, from the transformer's input-token rows (the mechanism probe's: row k is token k + 1).
    /// </summary>
    public static TokenCosines OfInputRows(double[][] inputRows, TokenBlock block) =>
        Among(inputRows, TaskBlocks.FirstInputToken, block);

    public double this[int tokenA, int tokenB] => Matrix[tokenA - FirstToken, tokenB - FirstToken];

    /// <summary>Mean pairwise cosine within a block: cos[i, j] over its pairs i &lt; j, summed row by row.</summary>
    public double MeanCos(TokenBlock b)
    {
        var (from, to) = b.Indices(FirstToken);
        double s = 0; int n = 0;
        for (int i = from; i < to; i++)
            for (int j = i + 1; j < to; j++) { s += Matrix[i, j]; n++; }
        return s / n;
    }

    /// <summary>
    /// Spearman(|s_i − s_j|, cos_ij) over the pairs of a block: negative when cosine falls with distance in value.
    /// </summary>
    public double OrderCorrelation(TokenBlock b)
    {
        var (from, to) = b.Indices(FirstToken);
        var dist = new List<double>(); var c = new List<double>();
        for (int i = from; i < to; i++)
            for (int j = i + 1; j < to; j++) { dist.Add(j - i); c.Add(Matrix[i, j]); }
        return Spearman.Correlation(dist, c);
    }

    /// <summary>C8, C12: ρ = Spearman(|s_i − s_j|, cos_ij) over the reasoning-anchor pairs.</summary>
    public double Rho(CompositionTaskConfig task) => OrderCorrelation(task.ReasoningAnchors());

    /// <summary>C8, C12: mean cosine of the memory pairs minus that of the reasoning pairs.</summary>
    public double MemoryMinusReasoning(CompositionTaskConfig task) =>
        MeanCos(task.MemoryAnchors()) - MeanCos(task.ReasoningAnchors());
}
