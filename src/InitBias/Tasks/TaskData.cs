namespace InitBias.Tasks;

/// <summary>
/// A data set in the group's stored layout: each sample is SeqLen + 1 ints. For last-token training the label is last
/// (input = tokens[0..SeqLen), target = tokens[SeqLen]); for next-token training a sample is a window whose targets
/// are tokens[1..SeqLen].
/// </summary>
public sealed class TaskData
{
    public required int SeqLen { get; init; }
    /// <summary>Row-major [Count, SeqLen + 1].</summary>
    public required long[] Samples { get; init; }
    public required EvalGroup[] Groups { get; init; }
    /// <summary>Index of the key position p (0-based) of each sample (composition task only).</summary>
    public int[] KeyPositions { get; init; } = [];
    /// <summary>
    /// Memory label y(z, a1, a2), indexed [z - KeyMin, a1 - MemAnchorMin, a2 - MemAnchorMin] (composition task
    /// only).
    /// </summary>
    public int[,,] MemoryLabels { get; init; } = new int[0, 0, 0];
    /// <summary>Per group, the sample indices used for evaluation (a fixed subset of the group).</summary>
    public required IReadOnlyDictionary<EvalGroup, int[]> EvalIndices { get; init; }

    public int Count => Groups.Length;
    public int Width => SeqLen + 1;

    public ReadOnlySpan<long> Sample(int i) => Samples.AsSpan(i * Width, Width);
    public long Label(int i) => Samples[i * Width + SeqLen];

    /// <summary>Indices of the training samples (memory and training reasoning pairs), in generation order.</summary>
    public int[] TrainIndices() => Enumerable.Range(0, Count).Where(i => Groups[i].IsTraining()).ToArray();
}
