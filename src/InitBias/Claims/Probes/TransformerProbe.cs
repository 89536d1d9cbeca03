using InitBias.Analysis;
using InitBias.Claims.Grids;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Claims.Probes;

/// <summary>
/// What the transformer probe read at one evaluation of one run (a line of probe.jsonl): the input-token embeddings
/// with their effective rank and mean cosine, both layers' attention on fixed probe inputs, and W^V's spectrum and
/// alignment. Every field at every evaluation (U1AbsCosAnchorUpdates from the first evaluation after step 0).
/// </summary>
public sealed record TransformerProbeLine
{
    public int Step { get; init; }
    public double EffectiveRank { get; init; }
    public double MeanCos { get; init; }
    /// <summary>Rows of the input tokens 1..KeyMax (row i is token i + 1).</summary>
    public double[][]? Embeddings { get; init; }
    /// <summary>Lemma 1: max over inputs and j ≤ i of |A_ij − 1/i| in layer 1.</summary>
    public double? Attn1MaxDev { get; init; }
    public double[][]? Attn1Mean { get; init; }
    public double[]? WvSingularValues { get; init; }
    /// <summary>|cos(u1, w_s)| for the anchors 1..20, u1 the top left singular vector of layer 1's W^V.</summary>
    public double[]? U1AbsCosAnchors { get; init; }
    /// <summary>The same against what training added to the anchors, w(last) − w(0).</summary>
    public double[]? U1AbsCosAnchorUpdates { get; init; }
    /// <summary>
    /// Layer-2 attention of the last position on the key position (memory and reasoning-train inputs).
    /// </summary>
    public double? Attn2KeyMem { get; init; }
    public double? Attn2KeyRsn { get; init; }
    /// <summary>The same on the two anchor positions p + 1, p + 2, where layer 1 has mixed the key in.</summary>
    public double? Attn2AnchorsMem { get; init; }
    public double? Attn2AnchorsRsn { get; init; }
    /// <summary>
    /// C15 v2: held-out accuracy of a linear probe that reads the key z_p from the last position's hidden state after
    /// layer 1 and after layer 2 (LinearProbe; half the probe inputs fit it, the other half score it).
    /// </summary>
    public double? KeyProbeLayer1 { get; init; }
    public double? KeyProbeLayer2 { get; init; }
}

/// <summary>
/// Reads a training transformer's weights at its evaluations and writes what the mechanism claims (C12-C16, C20)
/// need into each member's run folder (probe.jsonl, one TransformerProbeLine per evaluation).
/// </summary>
public static class TransformerProbe
{
    public const string File = "probe.jsonl";
    private const int ProbeSamplesPerGroup = 250;

    public static Action<int, IEnsembleModel> Writer(IReadOnlyList<string> dirs, IReadOnlyList<RunConfig> members)
    {
        var task = members[0].Task;
        var data = members.Select(m => ExperimentRegistry.Get(m.Experiment).BuildData(m)).ToList();
        var inputs = task.InputTokens();
        var anchors = task.Anchors();
        var tokens = Enumerable.Range(anchors.First, anchors.Count).ToList();
        // [E][anchor][D]: the anchors' initial draw; a resumed run reads it back from its step-0 line.
        double[][][]? initialAnchors = null;
        return (step, model) =>
        {
            if (model is not DecoderTransformer t) throw new ArgumentException("the probe reads a DecoderTransformer");
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var emb = TensorReadout.Stack(t.TokenEmbedding.Weight); // [E][V][D]
            double[][] Inputs(int e) => emb[e][inputs.First..(inputs.Last + 1)];
            var lines = Enumerable.Range(0, members.Count).Select(e => new TransformerProbeLine
            {
                Step = step,
                EffectiveRank = Linalg.EffectiveRank(Linalg.SingularValues(Inputs(e))),
                MeanCos = Geometry.MeanOffDiagonal(Linalg.CosineMatrix(Inputs(e))),
            }).ToArray();
            // Everything at every evaluation, so claims can read the model at a point defined by progress (the
            // full profile) as well as at the first and the last step.
            initialAnchors ??= step == 0
                ? emb.Select(rows => tokens.Select(a => rows[a]).ToArray()).ToArray()
                : dirs.Select(d => Read(d)[0].Embeddings!).Select(rows => tokens.Select(a => rows[a - inputs.First])
                    .ToArray()).ToArray();
            var wv = TensorReadout.Stack(t.Layers[0].ValueProjection.Weight); // [E][D][d_k]
            var (maxDev, mean, attention) = Attention(t, data);
            var keyProbe = KeyProbe(t, data, task.KeyMin, task.KeyMax - task.KeyMin + 1);
            for (int e = 0; e < lines.Length; e++)
            {
                var (u, s, _) = Linalg.Svd(wv[e]);
                var u1 = u.Select(r => r[0]).ToArray();
                lines[e] = lines[e] with
                {
                    // At step 0 the initial draw, so analyses can separate what training added (w − w0) from it.
                    Embeddings = Inputs(e),
                    Attn1MaxDev = maxDev[e],
                    Attn1Mean = mean[e],
                    WvSingularValues = s.Take(10).ToArray(),
                    U1AbsCosAnchors = tokens.Select(a => Math.Abs(Linalg.Cosine(u1, emb[e][a]))).ToArray(),
                    U1AbsCosAnchorUpdates = step == 0 ? null : tokens
                        .Select((a, i) => Math.Abs(Linalg.Cosine(u1, Linalg.Subtract(emb[e][a], initialAnchors[e][i]))))
                        .ToArray(),
                    Attn2KeyMem = attention?[e].KeyMem,
                    Attn2KeyRsn = attention?[e].KeyRsn,
                    Attn2AnchorsMem = attention?[e].AnchorsMem,
                    Attn2AnchorsRsn = attention?[e].AnchorsRsn,
                    KeyProbeLayer1 = keyProbe[e][0],
                    KeyProbeLayer2 = keyProbe.Length > 0 && keyProbe[e].Length > 1 ? keyProbe[e][1] : null,
                };
            }
            for (int e = 0; e < lines.Length; e++) ProbeFile.Append(dirs[e], File, lines[e]);
        };
    }

    public static IReadOnlyList<TransformerProbeLine> Read(string runDir) =>
        ProbeFile.Read<TransformerProbeLine>(runDir, File);

    private sealed record KeyAttention(double KeyMem, double KeyRsn, double AnchorsMem, double AnchorsRsn);

    /// <summary>
    /// Both layers' attention on the probe inputs, from one forward pass. Layer 1 (Lemma 1): per member, max over
    /// inputs, positions i and j ≤ i of |A_ij − 1/i|, and the mean map. Layer 2 (App. D, C15): the last position's
    /// weight on the key position and on the two anchor positions (null for a one-layer model).
    /// </summary>
    private static (double[] MaxDev, double[][][] Mean, KeyAttention[]? Layer2) Attention(DecoderTransformer t,
        IReadOnlyList<TaskData> data)
    {
        using var scope = NewDisposeScope();
        var (ids, keyPos, isMem) = ProbeBatch(data, t.TokenEmbedding.Weight.device);
        var maps = t.AttentionMaps(ids);
        var a = maps[0].to(ScalarType.Float64); // [E, B, L, L]
        long len = a.shape[^1];
        var causalMean = ones(len, len, dtype: ScalarType.Float64).tril_()
            .div_(arange(1, len + 1, dtype: ScalarType.Float64).unsqueeze(1)).to(a.device);
        var dev = (a - causalMean).abs_().amax([1, 2, 3]);
        var (maxDev, mean) = (TensorReadout.Doubles(dev), TensorReadout.Stack(a.mean([1])));
        if (maps.Length < 2) return (maxDev, mean, null);
        var last = maps[1].select(2, maps[1].shape[2] - 1).to(ScalarType.Float64); // [E, B, L]
        var onKey = TensorReadout.Rows(last.gather(2, keyPos.unsqueeze(2)).squeeze(2)); // [E][B]
        var onAnchors = TensorReadout.Rows(last.gather(2, keyPos.unsqueeze(2) + 1).squeeze(2)
                                           + last.gather(2, keyPos.unsqueeze(2) + 2).squeeze(2));
        var layer2 = Enumerable.Range(0, data.Count).Select(e => new KeyAttention(
                onKey[e].Where((_, b) => isMem[b]).Average(), onKey[e].Where((_, b) => !isMem[b]).Average(),
                onAnchors[e].Where((_, b) => isMem[b]).Average(), onAnchors[e].Where((_, b) => !isMem[b]).Average()))
            .ToArray();
        return (maxDev, mean, layer2);
    }

    /// <summary>Per member and layer: how well a linear probe reads the key from the last position's state.</summary>
    private static double[][] KeyProbe(DecoderTransformer t, IReadOnlyList<TaskData> data, int keyMin, int keys)
    {
        using var scope = NewDisposeScope();
        var (ids, keyPos, _) = ProbeBatch(data, t.TokenEmbedding.Weight.device);
        var keyIds = TensorReadout.Longs(ids.gather(2, keyPos.unsqueeze(2)).squeeze(2)); // [E·B]
        var states = t.LastPositionStates(ids).Select(TensorReadout.Stack).ToArray(); // [layer][E][B][D]
        int b = (int)ids.shape[1];
        return Enumerable.Range(0, data.Count).Select(e =>
        {
            var labels = Enumerable.Range(0, b).Select(i => (int)keyIds[e * b + i] - keyMin).ToArray();
            return states.Select(layer => LinearProbe.HeldOutAccuracy(layer[e], labels, keys)).ToArray();
        }).ToArray();
    }

    /// <summary>The first evaluation samples of the memory and reasoning-train groups of each member.</summary>
    private static (Tensor Ids, Tensor KeyPositions, bool[] IsMem) ProbeBatch(IReadOnlyList<TaskData> data,
        Device device)
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
}
