namespace InitBias.RealData;

/// <summary>Per-hop statistics of a set of PrOntoQA examples: the acceptance table of prontoqa-format.md §2.</summary>
public sealed record ProntoQaStats(int Hops, int Count, double ContextMean, int ContextMin, int ContextMax,
    double CotMean, double TrueShare, double TokensMean, int TokensMax)
{
    public static IReadOnlyList<ProntoQaStats> PerHop(IEnumerable<ProntoQaExample> examples) =>
        examples.GroupBy(e => e.Hops).OrderBy(g => g.Key).Select(g =>
        {
            var tokens = g.Select(e => Gpt2Bpe.Encode(e.Document).Count).ToList();
            var context = g.Select(e => e.ContextSentences.Count).ToList();
            return new ProntoQaStats(g.Key, g.Count(), context.Average(), context.Min(), context.Max(),
                g.Average(e => e.ChainOfThought.Count), g.Average(e => e.Answer == "True" ? 1.0 : 0),
                tokens.Average(), tokens.Max());
        }).ToList();

    public override string ToString() =>
        $"| {Hops} | {ContextMean:0.0} / {ContextMin} / {ContextMax} | {CotMean:0} | {TrueShare:0.00} | " +
        $"{TokensMean:0} / {TokensMax} |";
}
