namespace InitBias.Tasks;

/// <summary>
/// Generates the composition task of spec §3.1-§3.3 from one seeded generator: the memory label table first (one
/// label per (key, memory anchor pair), so it does not depend on the sample count), then the samples, combination by
/// combination, then the evaluation subsets.
/// </summary>
public static class CompositionTask
{
    public static TaskData Generate(CompositionTaskConfig c, ulong seed)
    {
        var errors = c.Validate(int.MaxValue).ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        var rng = new Rng(seed);
        int nMem = c.MemAnchorMax - c.MemAnchorMin + 1, nKeys = c.NumKeys;

        var memLabels = new int[nKeys, nMem, nMem];
        for (int z = 0; z < nKeys; z++)
            for (int a = 0; a < nMem; a++)
                for (int b = 0; b < nMem; b++)
                    memLabels[z, a, b] = InTask(c, c.MemAnchorMin + a, c.MemAnchorMin + b)
                        ? MemoryLabel(c, c.KeyMin + z, c.MemAnchorMin + a, c.MemAnchorMin + b, rng) : 0;

        var combos = new List<(int A1, int A2, EvalGroup Group)>();
        for (int a1 = c.MemAnchorMin; a1 <= c.MemAnchorMax; a1++)
            for (int a2 = c.MemAnchorMin; a2 <= c.MemAnchorMax; a2++)
                if (InTask(c, a1, a2)) combos.Add((a1, a2, EvalGroup.Mem));
        for (int a1 = c.RsnAnchorMin; a1 <= (c.IncludeReasoning ? c.RsnAnchorMax : c.RsnAnchorMin - 1); a1++)
            for (int a2 = c.RsnAnchorMin; a2 <= c.RsnAnchorMax; a2++)
            {
                bool heldOut = c.HeldOutPairs.Any(p => p[0] == a1 && p[1] == a2);
                combos.Add((a1, a2, heldOut ? EvalGroup.RsnTest : EvalGroup.RsnTrain));
            }

        int perCombo = c.EnumerateKeys ? nKeys : c.SamplesPerCombination;
        int n = combos.Count * perCombo, w = c.SeqLen + 1;
        var samples = new long[n * w];
        var groups = new EvalGroup[n];
        var keyPos = new int[n];
        bool embMlpLayout = c.EnumerateKeys && c.SeqLen == c.Anchors + 1;
        int i = 0;
        foreach (var (a1, a2, group) in combos)
            for (int k = 0; k < perCombo; k++, i++)
            {
                var row = samples.AsSpan(i * w, w);
                int z = c.EnumerateKeys ? c.KeyMin + k : rng.NextInclusive(c.KeyMin, c.KeyMax);
                // Key index p (0-based) in [0, L - q - 1]: the anchors follow it, so p + q <= L - 1.
                int p = embMlpLayout ? 0 : rng.NextInt(c.SeqLen - c.Anchors);
                for (int t = 0; t < c.SeqLen; t++) row[t] = rng.NextInclusive(c.KeyMin, c.KeyMax);
                row[p] = z; row[p + 1] = a1; row[p + 2] = a2;
                row[c.SeqLen] = group == EvalGroup.Mem
                    ? memLabels[z - c.KeyMin, a1 - c.MemAnchorMin, a2 - c.MemAnchorMin]
                    : z + a1 + a2;
                groups[i] = group;
                keyPos[i] = p;
            }

        var eval = new Dictionary<EvalGroup, int[]>();
        foreach (var g in EvalGroups.All)
        {
            var idx = Enumerable.Range(0, n).Where(j => groups[j] == g).ToArray();
            eval[g] = Subset(idx, c.EvalSamplesPerGroup, rng);
        }

        return new TaskData
        {
            SeqLen = c.SeqLen,
            Samples = samples,
            Groups = groups,
            KeyPositions = keyPos,
            MemoryLabels = memLabels,
            EvalIndices = eval,
        };
    }

    /// <summary>
    /// One memory label under the configured rule (the "uniform" draw is the original F_mem of §3.1).
    /// </summary>
    private static int MemoryLabel(CompositionTaskConfig c, int z, int a1, int a2, Rng rng) => c.MemoryLabels switch
    {
        "local" => rng.NextInclusive(z - (a1 + a2), z + (a1 + a2)),
        "groups" or "disjoint-groups" => rng.NextInclusive(CompositionTaskConfig.GroupLabelMin,
            CompositionTaskConfig.GroupLabelRange(c.LabelGroup(a1, a2)).Max),
        _ => rng.NextInclusive(c.KeyMin, c.KeyMax),
    };

    /// <summary>Whether a memory anchor pair is part of the task (all are, except under "disjoint-groups").</summary>
    private static bool InTask(CompositionTaskConfig c, int a1, int a2) =>
        c.MemoryLabels != "disjoint-groups" || c.LabelGroup(a1, a2) >= 0;

    /// <summary>A seeded random subset of at most k indices, returned sorted so evaluation order is stable.</summary>
    private static int[] Subset(int[] idx, int k, Rng rng)
    {
        if (idx.Length <= k) return idx;
        var copy = (int[])idx.Clone();
        for (int j = 0; j < k; j++)
        {
            int r = j + rng.NextInt(copy.Length - j);
            (copy[j], copy[r]) = (copy[r], copy[j]);
        }
        var chosen = copy[..k];
        Array.Sort(chosen);
        return chosen;
    }
}
