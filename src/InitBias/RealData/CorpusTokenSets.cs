namespace InitBias.RealData;

/// <summary>
/// C3's token sets (spec §8 default): compact ids that occur in the PrOntoQA windows only (or the TinyStories windows
/// only) of the training mixture, at least MinCount times there; and the most frequent of a set (Fig. 7B).
/// </summary>
public static class CorpusTokenSets
{
    public const int MinCount = 20;
    /// <summary>Fig. 7B shows the cosines of the most frequent tokens of each set.</summary>
    public const int HeatmapTokens = 30;

    public static (int[] ProntoQa, int[] TinyStories) Of(LmCorpus corpus)
    {
        var pq = new int[corpus.Vocabulary.Count];
        var ts = new int[corpus.Vocabulary.Count];
        for (int w = 0; w < corpus.Count; w++)
        {
            var counts = corpus.IsProntoQa[w] ? pq : ts;
            for (int t = 0; t < corpus.Width; t++) counts[corpus.Windows[w * corpus.Width + t]]++;
        }
        var onlyPq = Enumerable.Range(0, pq.Length).Where(i => pq[i] >= MinCount && ts[i] == 0).ToArray();
        var onlyTs = Enumerable.Range(0, ts.Length).Where(i => ts[i] >= MinCount && pq[i] == 0).ToArray();
        return (onlyPq, onlyTs);
    }

    public static int[] MostFrequent(LmCorpus corpus, int[] set, int k)
    {
        var counts = new Dictionary<int, int>();
        foreach (var id in set) counts[id] = 0;
        foreach (var id in corpus.Windows) if (counts.ContainsKey((int)id)) counts[(int)id]++;
        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(k).Select(kv => kv.Key).ToArray();
    }
}
