using InitBias.Analysis;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// The transformer's mechanism probe (C12-C16, C20): at every evaluation it reads W_E and blocks.0.attn.W_V, and on
/// fixed probe inputs the attention patterns and the residual stream at the last position of every layer, and
/// writes a MechanismReadout per member.
/// </summary>
public static class MechanismWriter
{
    private const int ProbeSamplesPerGroup = 250;

    public static SectionWriter Create(IReadOnlyList<string> dirs, IReadOnlyList<RunConfig> members)
    {
        var task = members[0].Task;
        int layers = members[0].Model.Layers;
        var data = members.Select(m => ExperimentRegistry.Get(m.Experiment).BuildData(m)).ToList();
        int inputFirst = 1, inputLast = task.KeyMax; // the input tokens 1..KeyMax
        int anchorFirst = Math.Min(task.MemAnchorMin, task.RsnAnchorMin);
        int anchorLast = Math.Max(task.MemAnchorMax, task.RsnAnchorMax);
        var tokens = Enumerable.Range(anchorFirst, anchorLast - anchorFirst + 1).ToList();
        var patterns = Enumerable.Range(0, layers).Select(i => $"blocks.{i}.attn.hook_pattern").ToArray();
        var residuals = Enumerable.Range(0, layers).Select(i => $"blocks.{i}.hook_resid_post").ToArray();
        // [E][anchor][D]: the anchors' initial draw; a resumed run reads it back from its step-0 line.
        double[][][]? initialAnchors = null;
        return (step, model, lines) =>
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var emb = TensorReadout.Stack(model.Weight("W_E")); // [E][V][D]
            double[][] Inputs(int e) => emb[e][inputFirst..(inputLast + 1)];
            initialAnchors ??= step == 0
                ? emb.Select(rows => tokens.Select(a => rows[a]).ToArray()).ToArray()
                : dirs.Select(d => ProbeFile.Read(d)[0].Mechanism!.Embeddings!)
                    .Select(rows => tokens.Select(a => rows[a - inputFirst]).ToArray()).ToArray();
            var wv = TensorReadout.Stack(model.Weight("blocks.0.attn.W_V")); // [E][D][d_k]
            var (ids, keyPos, isMem) = ProbeBatch(data, model.Weight("W_E").device);
            using var cache = model.RunWithCache(ids, [.. patterns, .. residuals]);
            var (maxDev, mean, attention) = Attention(cache, patterns, keyPos, isMem, data.Count);
            var keyProbe = KeyProbe(cache, residuals, ids, keyPos, data.Count, task.KeyMin, task.NumKeys);
            for (int e = 0; e < lines.Length; e++)
            {
                var (u, s, _) = Linalg.Svd(wv[e]);
                var u1 = u.Select(r => r[0]).ToArray();
                lines[e] = lines[e] with
                {
                    Mechanism = new MechanismReadout
                    {
                        EffectiveRank = Linalg.EffectiveRank(Linalg.SingularValues(Inputs(e))),
                        MeanCos = Geometry.MeanOffDiagonal(Linalg.CosineMatrix(Inputs(e))),
                        // At step 0 the initial draw, so analyses can separate what training added (w − w0).
                        Embeddings = Inputs(e),
                        Attn1MaxDev = maxDev[e],
                        Attn1Mean = mean[e],
                        WvSingularValues = s.Take(10).ToArray(),
                        U1AbsCosAnchors = tokens.Select(a => Math.Abs(Linalg.Cosine(u1, emb[e][a]))).ToArray(),
                        U1AbsCosAnchorUpdates = step == 0 ? null : tokens.Select((a, i) =>
                            Math.Abs(Linalg.Cosine(u1, Linalg.Subtract(emb[e][a], initialAnchors[e][i])))).ToArray(),
                        Attn2KeyMem = attention?[e].KeyMem,
                        Attn2KeyRsn = attention?[e].KeyRsn,
                        Attn2AnchorsMem = attention?[e].AnchorsMem,
                        Attn2AnchorsRsn = attention?[e].AnchorsRsn,
                        KeyProbeLayer1 = keyProbe[e][0],
                        KeyProbeLayer2 = keyProbe[e].Length > 1 ? keyProbe[e][1] : null,
                    },
                };
            }
        };
    }

    private sealed record KeyAttention(double KeyMem, double KeyRsn, double AnchorsMem, double AnchorsRsn);

    /// <summary>
    /// Layer 1 (Lemma 1): per member, max over inputs, positions i and j ≤ i of |A_ij − 1/i|, and the mean map.
    /// Layer 2 (App. D, C15): the last position's weight on the key position and on the two anchor positions (null
    /// for a one-layer model).
    /// </summary>
    private static (double[] MaxDev, double[][][] Mean, KeyAttention[]? Layer2) Attention(ActivationCache cache,
        string[] patterns, Tensor keyPos, bool[] isMem, int members)
    {
        using var scope = NewDisposeScope();
        var a = cache[patterns[0]].to(ScalarType.Float64); // [E, B, L, L]
        long len = a.shape[^1];
        var causalMean = ones(len, len, dtype: ScalarType.Float64).tril_()
            .div_(arange(1, len + 1, dtype: ScalarType.Float64).unsqueeze(1)).to(a.device);
        var dev = (a - causalMean).abs_().amax([1, 2, 3]);
        var (maxDev, mean) = (TensorReadout.Doubles(dev), TensorReadout.Stack(a.mean([1])));
        if (patterns.Length < 2) return (maxDev, mean, null);
        var map = cache[patterns[1]];
        var last = map.select(2, map.shape[2] - 1).to(ScalarType.Float64); // [E, B, L]
        var onKey = TensorReadout.Rows(last.gather(2, keyPos.unsqueeze(2)).squeeze(2)); // [E][B]
        var onAnchors = TensorReadout.Rows(last.gather(2, keyPos.unsqueeze(2) + 1).squeeze(2)
                                           + last.gather(2, keyPos.unsqueeze(2) + 2).squeeze(2));
        var layer2 = Enumerable.Range(0, members).Select(e => new KeyAttention(
                onKey[e].Where((_, b) => isMem[b]).Average(), onKey[e].Where((_, b) => !isMem[b]).Average(),
                onAnchors[e].Where((_, b) => isMem[b]).Average(), onAnchors[e].Where((_, b) => !isMem[b]).Average()))
            .ToArray();
        return (maxDev, mean, layer2);
    }

    /// <summary>Per member and layer: how well a linear probe reads the key from the last position's residual
    /// stream (blocks.{i}.hook_resid_post).</summary>
    private static double[][] KeyProbe(ActivationCache cache, string[] residuals, Tensor ids, Tensor keyPos,
        int members, int keyMin, int keys)
    {
        using var scope = NewDisposeScope();
        var keyIds = TensorReadout.Longs(ids.gather(2, keyPos.unsqueeze(2)).squeeze(2)); // [E·B]
        var states = residuals.Select(h => cache[h]).Select(r => TensorReadout.Stack(r.select(-2, r.shape[^2] - 1)))
            .ToArray(); // [layer][E][B][D]
        int b = (int)ids.shape[1];
        return Enumerable.Range(0, members).Select(e =>
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
