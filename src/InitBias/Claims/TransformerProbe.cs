using System.Text.Json.Nodes;
using InitBias.Analysis;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Claims;

/// <summary>
/// Reads a training transformer's weights at its evaluations and writes what the mechanism claims (C12-C15, C20)
/// need into each member's run folder (probe.jsonl, one line per evaluation): at every evaluation the effective rank
/// and mean pairwise cosine of the input-token embeddings; at step 0 the first layer's attention on real inputs; at
/// the last step the input-token embeddings themselves, W^V's spectrum and top singular vector's alignment with the
/// anchors, and the second layer's attention on the key position.
/// </summary>
public static class TransformerProbe
{
    public const string File = "probe.jsonl";
    private const int ProbeSamplesPerGroup = 250;

    public static Action<int, IEnsembleModel> Writer(IReadOnlyList<string> dirs, IReadOnlyList<RunConfig> members)
    {
        var first = members[0];
        var data = members.Select(m => ExperimentRegistry.Get(m.Experiment).BuildData(m)).ToList();
        // Input tokens: every id that can appear in an input sequence (anchors and keys), 1..KeyMax.
        int lastInput = first.Task.KeyMax;
        double[][][]? initial = null;
        return (step, model) =>
        {
            if (model is not DecoderTransformer t) throw new ArgumentException("the probe reads a DecoderTransformer");
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var emb = ReadStack(t.TokenEmbedding.Weight); // [E][V][D]
            var lines = Enumerable.Range(0, members.Count).Select(_ => new JsonObject { ["step"] = step }).ToList();
            for (int e = 0; e < members.Count; e++)
            {
                var rows = emb[e][1..(lastInput + 1)];
                lines[e]["effective_rank"] = Linalg.EffectiveRank(Linalg.SingularValues(rows));
                lines[e]["mean_cos"] = MeanOffDiagonal(Linalg.CosineMatrix(rows));
            }
            if (step == 0)
            {
                initial = emb;
                FirstLayerAttention(t, data, lines);
                // The initial draw, so analyses can separate what training added (w - w0) from it.
                for (int e = 0; e < members.Count; e++)
                    lines[e]["embeddings"] = new JsonArray(emb[e][1..(lastInput + 1)].Select(r => (JsonNode?)Array(r)).ToArray());
            }
            if (step == first.Train.Steps)
            {
                var wv = ReadStack(t.Layers[0].ValueProjection.Weight); // [E][D][dk]
                for (int e = 0; e < members.Count; e++)
                {
                    var (u, s, _) = Linalg.Svd(wv[e]);
                    var u1 = u.Select(r => r[0]).ToArray();
                    lines[e]["wv_singular_values"] = Array(s.Take(10));
                    lines[e]["u1_abs_cos_anchors"] = Array(Enumerable.Range(1, 20).Select(a => Math.Abs(Linalg.Cosine(u1, emb[e][a]))));
                    if (initial is not null)
                        lines[e]["u1_abs_cos_anchor_updates"] = Array(Enumerable.Range(1, 20).Select(a => Math.Abs(Linalg.Cosine(u1, Linalg.Subtract(emb[e][a], initial[e][a])))));
                    lines[e]["embeddings"] = new JsonArray(emb[e][1..(lastInput + 1)].Select(r => (JsonNode?)Array(r)).ToArray());
                }
                SecondLayerKeyAttention(t, data, lines);
            }
            for (int e = 0; e < members.Count; e++)
                System.IO.File.AppendAllText(Path.Combine(dirs[e], File), lines[e].ToJsonString() + "\n");
        };
    }

    /// <summary>Lemma 1: max over inputs, positions i and j ≤ i of |A_ij - 1/i|, and the mean attention matrix.</summary>
    private static void FirstLayerAttention(DecoderTransformer t, IReadOnlyList<TaskData> data, List<JsonObject> lines)
    {
        using var scope = NewDisposeScope();
        var (ids, _, _) = ProbeBatch(data, t.TokenEmbedding.Weight.device);
        var maps = t.AttentionMaps(ids);
        var a = maps[0].to(ScalarType.Float64); // [E, B, L, L]
        long len = a.shape[^1];
        var causalMean = ones(len, len, dtype: ScalarType.Float64).tril_().div_(arange(1, len + 1, dtype: ScalarType.Float64).unsqueeze(1)).to(a.device);
        var dev = (a - causalMean).abs_().amax([1, 2, 3]);
        var mean = a.mean([1]);
        var devs = Read(dev);
        var means = ReadStack(mean);
        for (int e = 0; e < lines.Count; e++)
        {
            lines[e]["attn1_max_dev"] = devs[e];
            lines[e]["attn1_mean"] = new JsonArray(means[e].Select(r => (JsonNode?)Array(r)).ToArray());
        }
    }

    /// <summary>App. D / C15: the second layer's attention from the last position onto the key position.</summary>
    private static void SecondLayerKeyAttention(DecoderTransformer t, IReadOnlyList<TaskData> data, List<JsonObject> lines)
    {
        if (t.Layers.Count < 2) return;
        using var scope = NewDisposeScope();
        var (ids, keyPos, isMem) = ProbeBatch(data, t.TokenEmbedding.Weight.device);
        var maps = t.AttentionMaps(ids);
        var last = maps[1].select(2, maps[1].shape[2] - 1).to(ScalarType.Float64); // [E, B, L]
        // Weight on the key position p and on the two anchor positions p + 1, p + 2 (where layer 1 has mixed the key in).
        var onKey = ReadRows(last.gather(2, keyPos.unsqueeze(2)).squeeze(2)); // [E][B]
        var onAnchors = ReadRows(last.gather(2, keyPos.unsqueeze(2) + 1).squeeze(2) + last.gather(2, keyPos.unsqueeze(2) + 2).squeeze(2));
        for (int e = 0; e < lines.Count; e++)
        {
            lines[e]["attn2_key_mem"] = onKey[e].Where((_, b) => isMem[b]).Average();
            lines[e]["attn2_key_rsn"] = onKey[e].Where((_, b) => !isMem[b]).Average();
            lines[e]["attn2_anchors_mem"] = onAnchors[e].Where((_, b) => isMem[b]).Average();
            lines[e]["attn2_anchors_rsn"] = onAnchors[e].Where((_, b) => !isMem[b]).Average();
        }
    }

    /// <summary>The first evaluation samples of the memory and reasoning-train groups of each member.</summary>
    private static (Tensor Ids, Tensor KeyPositions, bool[] IsMem) ProbeBatch(IReadOnlyList<TaskData> data, Device device)
    {
        int len = data[0].SeqLen;
        var groups = new[] { EvalGroup.Mem, EvalGroup.RsnTrain };
        int b = groups.Sum(g => Math.Min(ProbeSamplesPerGroup, data[0].EvalIndices[g].Length));
        var ids = new long[data.Count * b * len];
        var pos = new long[data.Count * b];
        var isMem = new bool[b];
        for (int e = 0; e < data.Count; e++)
        {
            int k = 0;
            foreach (var g in groups)
                foreach (int i in data[e].EvalIndices[g].Take(ProbeSamplesPerGroup))
                {
                    data[e].Sample(i)[..len].CopyTo(ids.AsSpan((e * b + k) * len, len));
                    pos[e * b + k] = data[e].KeyPositions[i];
                    isMem[k] = g == EvalGroup.Mem;
                    k++;
                }
        }
        return (tensor(ids, [data.Count, b, len], dtype: ScalarType.Int64, device: device),
                tensor(pos, [data.Count, b], dtype: ScalarType.Int64, device: device), isMem);
    }

    public static double MeanOffDiagonal(double[,] m)
    {
        int n = m.GetLength(0);
        double s = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) if (i != j) s += m[i, j];
        return s / (n * (n - 1));
    }

    /// <summary>Reads the probe lines of a run folder.</summary>
    public static IReadOnlyList<JsonObject> Read(string runDir) =>
        System.IO.File.ReadLines(Path.Combine(runDir, File)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    public static double[] Doubles(JsonNode node) => node.AsArray().Select(x => x!.GetValue<double>()).ToArray();
    public static double[][] Matrix(JsonNode node) => node.AsArray().Select(r => Doubles(r!)).ToArray();

    private static JsonArray Array(IEnumerable<double> xs) => new(xs.Select(x => (JsonNode?)x).ToArray());

    private static double[] Read(Tensor t)
    {
        using var cpu = t.to(ScalarType.Float64).cpu().contiguous();
        using var accessor = cpu.data<double>();
        return accessor.ToArray();
    }

    private static double[][] ReadRows(Tensor t)
    {
        var flat = Read(t);
        int r = (int)t.shape[0], c = (int)t.shape[1];
        return Enumerable.Range(0, r).Select(i => flat.AsSpan(i * c, c).ToArray()).ToArray();
    }

    /// <summary>A [E, R, C] tensor as E row matrices.</summary>
    private static double[][][] ReadStack(Tensor t)
    {
        var flat = Read(t);
        int e = (int)t.shape[0], r = (int)t.shape[1], c = (int)t.shape[2];
        return Enumerable.Range(0, e).Select(m => Enumerable.Range(0, r)
            .Select(i => flat.AsSpan((m * r + i) * c, c).ToArray()).ToArray()).ToArray();
    }
}
