using InitBias.Analysis;
using InitBias.Grids;
using InitBias.RealData;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// gpt2-mix (C3): at every evaluation, the mean pairwise cosine of the input embeddings (W_E) of the PrOntoQA-only
/// and of the TinyStories-only tokens, and the cosine matrices of the most frequent of each (CorpusTokenSets).
/// </summary>
public sealed class TokenSetsWriter : Probe<TokenSetsSpec, TokenSetCosines>
{
    public override ProbeSection<TokenSetCosines> Section => TokenSetCosines.Section;

    protected override ProbeRead<TokenSetCosines> Start(TokenSetsSpec spec, ProbeContext run)
    {
        var members = run.Members;
        var corpus = LmCorpus.Get(members[0].Corpus!);
        var (pq, ts) = CorpusTokenSets.Of(corpus);
        var topPq = CorpusTokenSets.MostFrequent(corpus, pq, CorpusTokenSets.HeatmapTokens);
        var topTs = CorpusTokenSets.MostFrequent(corpus, ts, CorpusTokenSets.HeatmapTokens);
        int v = members[0].Model.VocabSize, d = members[0].Model.DModel;
        return (step, model) =>
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var flat = TensorReadout.Doubles(model.Weight("W_E"));
            return [.. members.Select((_, e) =>
            {
                double[] Row(int id) => flat.AsSpan((e * v + id) * d, d).ToArray();
                return new TokenSetCosines(
                    Linalg.MeanPairwiseCosine(pq.Select(Row).ToList()),
                    Linalg.MeanPairwiseCosine(ts.Select(Row).ToList()),
                    pq.Length, ts.Length,
                    ProbeFile.ToRows(Linalg.CosineMatrix(topPq.Select(Row).ToList())),
                    ProbeFile.ToRows(Linalg.CosineMatrix(topTs.Select(Row).ToList())));
            })];
        };
    }
}
