namespace InitBias.RealData;

/// <summary>
/// The real-data mixture of spec §8 (not yet wired to an experiment): equal numbers of PrOntoQA documents and
/// TinyStories stories, GPT-2 BPE, each corpus packed on its own into windows of ContextLength + 1 tokens (documents
/// joined by &lt;|endoftext|&gt;), so every window belongs to one corpus and per-corpus losses are window means.
/// </summary>
public sealed record CorpusConfig
{
    /// <summary>
    /// PrOntoQA documents; TinyStories gets the same number. The paper used 5,000 each; the TinyStories fixture holds
    /// 2,316 complete stories, so 2,000 each is the largest equal mixture available offline.
    /// </summary>
    public int Documents { get; init; } = 2000;
    /// <summary>"fixture" (the real dataset, default), "generated" (the C# generator), or "both" (half each).</summary>
    public string ProntoQaSource { get; init; } = "fixture";
    public int ContextLength { get; init; } = 256;
    /// <summary>
    /// Windows per corpus on which the per-corpus training losses are evaluated (a fixed seeded subset).
    /// </summary>
    public int EvalWindows { get; init; } = 256;

    public IEnumerable<string> Validate()
    {
        if (Documents < 1) yield return "corpus: documents must be positive";
        if (ProntoQaSource is not ("fixture" or "generated" or "both"))
            yield return $"corpus: prontoQaSource '{ProntoQaSource}' is not fixture, generated or both";
        if (ContextLength < 2) yield return "corpus: contextLength must be at least 2";
        if (EvalWindows < 1) yield return "corpus: evalWindows must be positive";
    }
}

public sealed record LmCorpus(long[] Windows, int Width, bool[] IsProntoQa, VocabularyMap Vocabulary)
{
    public int Count => IsProntoQa.Length;

    /// <summary>
    /// The mixture depends on the config only, not on a run's seed: every seed trains on the same documents and the
    /// same compact vocabulary (so γ × seed grids share one architecture); seeds vary init and batch order.
    /// </summary>
    public static LmCorpus Build(CorpusConfig c)
    {
        var errors = c.Validate().ToList();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        var rng = new Rng(GeneratorSeed);
        var real = Fixtures.LoadProntoQa();
        var stories = Fixtures.LoadTinyStories();
        if (c.Documents > stories.Count)
            throw new ArgumentException(
                $"corpus: {c.Documents} documents asked, the TinyStories fixture has {stories.Count}");
        int fromFixture = c.ProntoQaSource switch { "fixture" => c.Documents, "generated" => 0, _ => c.Documents / 2 };
        var pq = Sample(real.Select(e => e.Document).ToList(), fromFixture, rng)
            .Concat(ProntoQaGenerator.Generate(c.Documents - fromFixture, 1, 5, rng.NextULong())
                .Select(e => e.Document)).ToList();
        var ts = Sample(stories, c.Documents, rng);
        var pqIds = Pack(pq); var tsIds = Pack(ts);
        var vocab = new VocabularyMap(pqIds.Concat(tsIds));
        int w = c.ContextLength + 1;
        var windows = new List<long>();
        var isPq = new List<bool>();
        foreach (var (ids, flag) in new[] { (pqIds, true), (tsIds, false) })
            for (int start = 0; start + w <= ids.Count; start += w)
            {
                windows.AddRange(ids.Skip(start).Take(w).Select(id => (long)vocab.ToCompact(id)));
                isPq.Add(flag);
            }
        return new LmCorpus(windows.ToArray(), w, isPq.ToArray(), vocab);
    }

    /// <summary>Fixed: document choice and generated examples are part of the corpus definition.</summary>
    public const ulong GeneratorSeed = 20250205;

    private static readonly Dictionary<CorpusConfig, LmCorpus> Cache = new();

    /// <summary>Build once per config per process (tokenising the mixture takes about a second).</summary>
    public static LmCorpus Get(CorpusConfig c)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(c, out var corpus)) Cache[c] = corpus = Build(c);
            return corpus;
        }
    }

    /// <summary>The corpus as a data set: windows as samples, PrOntoQA / TinyStories as evaluation groups.</summary>
    public Tasks.TaskData ToTaskData(int evalWindows, ulong seed)
    {
        var groups = IsProntoQa.Select(p => p ? Tasks.EvalGroup.ProntoQa : Tasks.EvalGroup.TinyStories).ToArray();
        var rng = new Rng(seed);
        var eval = Tasks.EvalGroups.All.ToDictionary(g => g, g =>
        {
            var idx = Enumerable.Range(0, Count).Where(i => groups[i] == g).ToArray();
            for (int j = 0; j < Math.Min(evalWindows, idx.Length); j++)
            {
                int r = j + rng.NextInt(idx.Length - j);
                (idx[j], idx[r]) = (idx[r], idx[j]);
            }
            var chosen = idx[..Math.Min(evalWindows, idx.Length)];
            Array.Sort(chosen);
            return chosen;
        });
        return new Tasks.TaskData { SeqLen = Width - 1, Samples = Windows, Groups = groups, EvalIndices = eval };
    }

    private static List<int> Pack(IEnumerable<string> documents)
    {
        var ids = new List<int>();
        foreach (var d in documents) { ids.AddRange(Gpt2Bpe.Encode(d)); ids.Add(Gpt2Bpe.EndOfText); }
        return ids;
    }

    /// <summary>k items without replacement, in a seeded random order.</summary>
    private static List<string> Sample(IReadOnlyList<string> items, int k, Rng rng)
    {
        var idx = Enumerable.Range(0, items.Count).ToArray();
        for (int j = 0; j < k; j++) { int r = j + rng.NextInt(idx.Length - j); (idx[j], idx[r]) = (idx[r], idx[j]); }
        return idx[..k].Select(i => items[i]).ToList();
    }
}
