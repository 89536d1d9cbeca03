using InitBias.Analysis;
using InitBias.Tasks;

namespace InitBias.Reading;

/// <summary>A contiguous range of token ids, such as the memory anchors 1..10 or the keys 21..60.</summary>
public sealed record TokenBlock(int First, int Last)
{
    public int Count => Last - First + 1;

    /// <summary>[from, to) of this block in an array whose index 0 is token <paramref name="firstToken"/>.</summary>
    public (int From, int To) Indices(int firstToken) => (First - firstToken, Last - firstToken + 1);
}

/// <summary>The task's token blocks, so claims name anchors by role rather than by index literals.</summary>
public static class TaskBlocks
{
    public static TokenBlock MemoryAnchors(this CompositionTaskConfig t) => new(t.MemAnchorMin, t.MemAnchorMax);
    public static TokenBlock ReasoningAnchors(this CompositionTaskConfig t) => new(t.RsnAnchorMin, t.RsnAnchorMax);
    public static TokenBlock Keys(this CompositionTaskConfig t) => new(t.KeyMin, t.KeyMax);

    /// <summary>Both anchor sets, the tokens whose embeddings the anchor checkpoints hold (1..20).</summary>
    public static TokenBlock Anchors(this CompositionTaskConfig t) =>
        new(Math.Min(t.MemAnchorMin, t.RsnAnchorMin), Math.Max(t.MemAnchorMax, t.RsnAnchorMax));

    /// <summary>
    /// Every token that can appear in an input (anchors and keys): 1..KeyMax, the rows the probes keep.
    /// </summary>
    public static TokenBlock InputTokens(this CompositionTaskConfig t) => new(1, t.KeyMax);
}

/// <summary>A cosine matrix over a block of tokens, read by token blocks.</summary>
public sealed record TokenCosines(double[,] Matrix, int FirstToken)
{
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
