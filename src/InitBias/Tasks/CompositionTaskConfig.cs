namespace InitBias.Tasks;

/// <summary>
/// The synthetic composition ("anchor function") task of spec §3. Defaults are the paper's Transformer setting
/// (§3.2): keys 21..120, memory anchors 1..10, reasoning anchors 11..20, q = 2, L = 9, held-out pairs (11,13),
/// (13,11), 1,000 samples per ordered anchor pair (200,000 in all).
/// </summary>
public sealed record CompositionTaskConfig
{
    public int KeyMin { get; init; } = 21;
    public int KeyMax { get; init; } = 120;
    public int MemAnchorMin { get; init; } = 1;
    public int MemAnchorMax { get; init; } = 10;
    public int RsnAnchorMin { get; init; } = 11;
    public int RsnAnchorMax { get; init; } = 20;

    /// <summary>Number of consecutive anchors q.</summary>
    public int Anchors { get; init; } = 2;

    /// <summary>Input length L. The Emb-MLP variant uses L = q + 1 with the key first and no noise.</summary>
    public int SeqLen { get; init; } = 9;

    /// <summary>Ordered reasoning anchor pairs held out of training (the D_rsn,test set).</summary>
    public int[][] HeldOutPairs { get; init; } = [[11, 13], [13, 11]];

    /// <summary>
    /// Samples per ordered anchor combination, keys drawn uniformly. Ignored when EnumerateKeys is set.
    /// </summary>
    public int SamplesPerCombination { get; init; } = 1000;

    /// <summary>Emb-MLP default (spec §3.3): every (key, anchor pair) exactly once instead of sampled keys.</summary>
    public bool EnumerateKeys { get; init; }

    /// <summary>Samples per evaluation group (a fixed random subset when a group is larger).</summary>
    public int EvalSamplesPerGroup { get; init; } = 2000;

    /// <summary>
    /// How memory labels are drawn, once per (key, memory anchor pair) (spec §3.1, §3.5): "uniform" = U(Z) (F_mem,1,
    /// the default); "local" = U{z - Σa, ..., z + Σa} (F_mem,2, Fig. 8 left); "groups" = the memory pairs split in
    /// four equal blocks (a1-major order), block i labelled from U{30, ..., 29 + 20i} (Fig. 8 right);
    /// "disjoint-groups" = four disjoint anchor subsets {1,2}, {3,4}, {5,6}, {7,8}, group i its four ordered pairs
    /// labelled from U{30, ..., 29 + 20i}, and no other memory pair (C18 v3: an anchor's labels then all come from
    /// one range, as Prop. 1 needs for the outputs to stay in it).
    /// </summary>
    public string MemoryLabels { get; init; } = "uniform";

    /// <summary>False gives a memory-only task (the label-distribution experiments of spec §3.5).</summary>
    public bool IncludeReasoning { get; init; } = true;

    public static readonly string[] MemoryLabelRules = ["uniform", "local", "groups", "disjoint-groups"];
    public const int LabelGroups = 4, GroupLabelMin = 30, GroupLabelStep = 20;

    public int NumKeys => KeyMax - KeyMin + 1;
    public int NumMemPairs => (MemAnchorMax - MemAnchorMin + 1) * (MemAnchorMax - MemAnchorMin + 1);

    public int MaxLabel => Math.Max(MemoryLabels switch
    {
        "local" => KeyMax + Anchors * MemAnchorMax,
        "groups" or "disjoint-groups" => GroupLabelMin - 1 + GroupLabelStep * LabelGroups,
        _ => KeyMax,
    }, IncludeReasoning ? KeyMax + Anchors * RsnAnchorMax : 0);

    /// <summary>
    /// The label group (0..3) of a memory anchor pair under the "groups" and "disjoint-groups" rules; under the
    /// latter -1 for a pair that is in no group (and not in the task).
    /// </summary>
    public int LabelGroup(int a1, int a2)
    {
        if (MemoryLabels == "disjoint-groups")
        {
            int g1 = (a1 - MemAnchorMin) / 2, g2 = (a2 - MemAnchorMin) / 2;
            return g1 == g2 && g1 < LabelGroups ? g1 : -1;
        }
        int n = MemAnchorMax - MemAnchorMin + 1;
        int index = (a1 - MemAnchorMin) * n + (a2 - MemAnchorMin);
        return index * LabelGroups / NumMemPairs;
    }

    /// <summary>The inclusive label range of a label group under the "groups" rule.</summary>
    public static (int Min, int Max) GroupLabelRange(int group) =>
        (GroupLabelMin, GroupLabelMin - 1 + GroupLabelStep * (group + 1));

    /// <summary>The Emb-MLP variant: p = 1, L = q + 1, each combination with every key once.</summary>
    public CompositionTaskConfig AsEmbMlpVariant() => this with { SeqLen = Anchors + 1, EnumerateKeys = true };

    public IEnumerable<string> Validate(int vocabSize)
    {
        if (KeyMin < 1 || KeyMax < KeyMin) yield return $"task: key range {KeyMin}..{KeyMax} is empty or not positive";
        if (MemAnchorMin < 1 || MemAnchorMax < MemAnchorMin) yield return "task: memory anchor range is empty";
        if (RsnAnchorMin < 1 || RsnAnchorMax < RsnAnchorMin) yield return "task: reasoning anchor range is empty";
        if (Overlaps(KeyMin, KeyMax, MemAnchorMin, MemAnchorMax) || Overlaps(KeyMin, KeyMax, RsnAnchorMin, RsnAnchorMax)
            || Overlaps(MemAnchorMin, MemAnchorMax, RsnAnchorMin, RsnAnchorMax))
            yield return "task: keys, memory anchors and reasoning anchors must be disjoint";
        if (Anchors != 2) yield return "task: only q = 2 anchors is implemented";
        if (SeqLen < Anchors + 1) yield return $"task: seqLen {SeqLen} must be at least q + 1 = {Anchors + 1}";
        if (!EnumerateKeys && SamplesPerCombination < 1) yield return "task: samplesPerCombination must be positive";
        if (EvalSamplesPerGroup < 1) yield return "task: evalSamplesPerGroup must be positive";
        if (!MemoryLabelRules.Contains(MemoryLabels))
            yield return $"task: memoryLabels '{MemoryLabels}' is not one of {string.Join(", ", MemoryLabelRules)}";
        if (MemoryLabels == "groups" && NumMemPairs < LabelGroups)
            yield return "task: the groups rule needs at least 4 memory anchor pairs";
        if (MemoryLabels == "disjoint-groups" && MemAnchorMax - MemAnchorMin + 1 < 2 * LabelGroups)
            yield return "task: the disjoint-groups rule needs at least 8 memory anchors";
        if (MemoryLabels == "local" && KeyMin - Anchors * MemAnchorMax < 1)
            yield return $"task: local memory labels reach {KeyMin - Anchors * MemAnchorMax}, below the first id 1";
        if (MaxLabel >= vocabSize) yield return $"task: labels reach {MaxLabel} but the vocabulary has {vocabSize} ids";
        foreach (var p in HeldOutPairs)
            if (p.Length != 2 || p.Any(a => a < RsnAnchorMin || a > RsnAnchorMax))
                yield return $"task: held-out pair [{string.Join(",", p)}] is not a pair of reasoning anchors";
    }

    private static bool Overlaps(int a0, int a1, int b0, int b1) => a0 <= b1 && b0 <= a1;
}
