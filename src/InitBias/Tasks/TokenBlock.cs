namespace InitBias.Tasks;

/// <summary>
/// A contiguous range of token ids, such as the memory anchors 1..10 or the keys 21..60: the one place the rows of
/// a block are picked out of an embedding matrix, at record time and at read time alike.
/// </summary>
public sealed record TokenBlock(int First, int Last)
{
    public int Count => Last - First + 1;

    /// <summary>[from, to) of this block in an array whose index 0 is token <paramref name="firstToken"/>.</summary>
    public (int From, int To) Indices(int firstToken) => (First - firstToken, Last - firstToken + 1);

    /// <summary>This block's rows of <paramref name="rows"/>, whose index 0 is token <paramref name="firstToken"/>
    /// (0 for a whole W_E, 1 for the input-token rows the mechanism probe keeps).</summary>
    public T[] Slice<T>(T[] rows, int firstToken)
    {
        var (from, to) = Indices(firstToken);
        return rows[from..to];
    }

    /// <summary>The token ids in order.</summary>
    public IEnumerable<int> Tokens => Enumerable.Range(First, Count);
}

/// <summary>The task's token blocks, so code names anchors by role rather than by index literals.</summary>
public static class TaskBlocks
{
    public static TokenBlock MemoryAnchors(this CompositionTaskConfig t) => new(t.MemAnchorMin, t.MemAnchorMax);
    public static TokenBlock ReasoningAnchors(this CompositionTaskConfig t) => new(t.RsnAnchorMin, t.RsnAnchorMax);
    public static TokenBlock Keys(this CompositionTaskConfig t) => new(t.KeyMin, t.KeyMax);

    /// <summary>Both anchor sets, the tokens whose embeddings the anchor checkpoints hold (1..20).</summary>
    public static TokenBlock Anchors(this CompositionTaskConfig t) =>
        new(Math.Min(t.MemAnchorMin, t.RsnAnchorMin), Math.Max(t.MemAnchorMax, t.RsnAnchorMax));

    /// <summary>The first input token: row 0 of the input-token rows the mechanism probe keeps.</summary>
    public const int FirstInputToken = 1;

    /// <summary>
    /// Every token that can appear in an input (anchors and keys): 1..KeyMax, the rows the probes keep.
    /// </summary>
    public static TokenBlock InputTokens(this CompositionTaskConfig t) => new(FirstInputToken, t.KeyMax);
}
