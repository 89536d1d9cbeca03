using InitBias.Analysis;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.RealData;
using static TorchSharp.torch;

namespace InitBias.Claims.Probes;

/// <summary>The gpt2-mix embedding probe at one evaluation of one run (a line of gpt2probe.jsonl).</summary>
public sealed record Gpt2ProbeLine(
    int Step, double CosPq, double CosTs, int TokensPq, int TokensTs, double[][] HeatmapPq, double[][] HeatmapTs);

/// <summary>
/// C3's token sets and the embedding probe of the gpt2-mix grid: at every evaluation, the mean pairwise cosine of the
/// input embeddings of PrOntoQA-only tokens and of TinyStories-only tokens, and the cosine matrices of the most
/// frequent of each (gpt2probe.jsonl in each run folder).
/// </summary>
public static class Gpt2Probe
{
    public const string File = "gpt2probe.jsonl";
    /// <summary>Spec §8 default: tokens that occur in one corpus only, at least 20 times there.</summary>
    public const int MinCount = 20;
    /// <summary>Fig. 7B shows the cosines of the most frequent tokens of each set.</summary>
    public const int HeatmapTokens = 30;

    /// <summary>Compact ids exclusive to PrOntoQA and to TinyStories, each occurring at least MinCount times.</summary>
    public static (int[] ProntoQa, int[] TinyStories) TokenSets(LmCorpus corpus)
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

    public static Action<int, IEnsembleModel> Writer(IReadOnlyList<string> dirs, IReadOnlyList<RunConfig> members)
    {
        var corpus = LmCorpus.Get(members[0].Corpus!);
        var (pq, ts) = TokenSets(corpus);
        var topPq = MostFrequent(corpus, pq, HeatmapTokens);
        var topTs = MostFrequent(corpus, ts, HeatmapTokens);
        return (step, model) =>
        {
            if (model is not Gpt2Decoder g) throw new ArgumentException("the probe reads a Gpt2Decoder");
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var flat = TensorReadout.Doubles(g.TokenEmbedding.Weight);
            int v = g.Config.VocabSize, d = g.Config.DModel;
            for (int e = 0; e < members.Count; e++)
            {
                double[] Row(int id) => flat.AsSpan((e * v + id) * d, d).ToArray();
                ProbeFile.Append(dirs[e], File, new Gpt2ProbeLine(step,
                    Linalg.MeanPairwiseCosine(pq.Select(Row).ToList()),
                    Linalg.MeanPairwiseCosine(ts.Select(Row).ToList()),
                    pq.Length, ts.Length,
                    ProbeFile.ToRows(Linalg.CosineMatrix(topPq.Select(Row).ToList())),
                    ProbeFile.ToRows(Linalg.CosineMatrix(topTs.Select(Row).ToList()))));
            }
        };
    }

    public static IReadOnlyList<Gpt2ProbeLine> Read(string runDir) => ProbeFile.Read<Gpt2ProbeLine>(runDir, File);

    private static int[] MostFrequent(LmCorpus corpus, int[] set, int k)
    {
        var counts = new Dictionary<int, int>();
        foreach (var id in set) counts[id] = 0;
        foreach (var id in corpus.Windows) if (counts.ContainsKey((int)id)) counts[(int)id]++;
        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(k).Select(kv => kv.Key).ToArray();
    }
}
