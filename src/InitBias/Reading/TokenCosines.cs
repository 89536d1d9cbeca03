using InitBias.Analysis;
using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>A cosine matrix over a block of tokens, read by token blocks.</summary>
public sealed record TokenCosines(double[,] Matrix, int FirstToken)
{
    /// <summary>
    /// The one anchor-cosine function (docs/reading.md): cosines, in double, among a block's rows of recorded rows
    /// whose index 0 is token <paramref name="firstToken"/>. Every anchor cosine a claim, figure or `inspect` reads
    /// is computed here from rows; none is recorded.
    /// </summary>
    public static TokenCosines Among(double[][] rows, int firstToken, TokenBlock block) =>
        new(Linalg.CosineMatrix(block.Slice(rows, firstToken)), block.First);

    public double this[int tokenA, int tokenB] => Matrix[tokenA - FirstToken, tokenB - FirstToken];

    /// <summary>Mean pairwise cosine within a block.</summary>
    public double MeanCos(TokenBlock b)
    {
        var (from, to) = b.Indices(FirstToken);
        return Geometry.MeanCos(Matrix, from, to);
    }

    /// <summary>Spearman(|s_i − s_j|, cos_ij) over the pairs of a block.</summary>
    public double OrderCorrelation(TokenBlock b)
    {
        var (from, to) = b.Indices(FirstToken);
        return Geometry.OrderCorrelation(Matrix, from, to);
    }
}
