using InitBias.Analysis;
using InitBias.RealData;

namespace InitBias.Theory;

/// <summary>
/// Scale probe P2 (C3): Prop. 1's prediction from the corpus alone. Under next-token loss a token's label is the
/// token that follows it, so its label distribution P_s is its next-token distribution in the training windows;
/// Prop. 1 moves the embeddings of tokens with alike P̃_s = P_s − 1/V alike early on. The mean pairwise cosine of
/// P̃_s over C3's PrOntoQA-only and TinyStories-only token sets (and their 30 most frequent) says which set theory
/// expects more alike (the paper's Fig. 7B: 0.123 against 0.531 for the trained embeddings). A second reading
/// follows Prop. 2 instead: with averaging attention at small init, the token at position t reaches every later
/// prediction i ≥ t with weight 1/(i + 1), so its label distribution mixes every later token with those weights.
/// </summary>
public static class CorpusLabelDistributions
{
    public sealed record Result(int TokensPq, int TokensTs, double CosPq, double CosTs, double CosTopPq,
        double CosTopTs, double CosAveragedPq, double CosAveragedTs);

    public static Result Measure(LmCorpus corpus)
    {
        var (pq, ts) = CorpusTokenSets.Of(corpus);
        var topPq = CorpusTokenSets.MostFrequent(corpus, pq, CorpusTokenSets.HeatmapTokens);
        var topTs = CorpusTokenSets.MostFrequent(corpus, ts, CorpusTokenSets.HeatmapTokens);
        var p = Centered(corpus, [.. pq, .. ts], averaged: false);
        var a = Centered(corpus, [.. pq, .. ts], averaged: true);
        double Cos(Dictionary<int, double[]> d, IEnumerable<int> set) =>
            Linalg.MeanPairwiseCosine(set.Select(s => d[s]).ToList());
        return new Result(pq.Length, ts.Length, Cos(p, pq), Cos(p, ts), Cos(p, topPq), Cos(p, topTs), Cos(a, pq),
            Cos(a, ts));
    }

    /// <summary>
    /// P̃_s per token from every position of every window, normalised, − 1/V: the next token's counts, or (averaged)
    /// every later prediction's label with weight 1/(i + 1).
    /// </summary>
    public static Dictionary<int, double[]> Centered(LmCorpus corpus, IReadOnlyCollection<int> tokens, bool averaged)
    {
        int v = corpus.Vocabulary.Count, n = corpus.Width - 1; // inputs 0..n-1 predict 1..n
        var counts = tokens.Distinct().ToDictionary(s => s, _ => new double[v]);
        for (int w = 0; w < corpus.Count; w++)
        {
            long Token(int t) => corpus.Windows[w * corpus.Width + t];
            for (int t = 0; t < n; t++)
            {
                if (!counts.TryGetValue((int)Token(t), out var c)) continue;
                if (!averaged) c[Token(t + 1)]++;
                else for (int i = t; i < n; i++) c[Token(i + 1)] += 1.0 / (i + 1);
            }
        }
        return counts.ToDictionary(kv => kv.Key, kv =>
        {
            double n = kv.Value.Sum();
            return kv.Value.Select(x => (n > 0 ? x / n : 0) - 1.0 / v).ToArray();
        });
    }
}
