using InitBias.Analysis;
using InitBias.Grids;
using InitBias.Models;
using InitBias.Models.Blocks;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// The transformer's mechanism probe (C12-C16, C20): at every evaluation it reads W_E and blocks.0.attn.W_V, and on
/// fixed probe inputs (ProbeInputs: stratified over anchor pairs) the attention patterns, the residual stream and
/// the top layer's attention output at the last position, and writes a MechanismReadout per member. It records
/// what needs the model and the raw input-token rows; statistics of the rows are computed at read time
/// (docs/reading.md).
/// </summary>
public sealed class MechanismWriter : Probe<MechanismSpec, MechanismReadout>
{
    /// <summary>Inputs per group (memory, reasoning-train) for the attention statistics and layer key probes.</summary>
    private const int ProbeSamplesPerGroup = 250;
    /// <summary>Inputs per group for C15 v3's probe of the top layer's attention output: 2,000 in all.</summary>
    private const int AttentionProbeSamplesPerGroup = 1000;
    /// <summary>
    /// That probe's forward runs this many inputs per member at a time, keeping only the last position: the same
    /// rows bit for bit (probe.jsonl byte-identical), without the whole batch's activations (24 members × 2,000
    /// inputs at ci), which cost 1.5-2.2 s an evaluation against 1.2-1.5 s in chunks.
    /// </summary>
    private const int AttentionProbeChunk = 250;

    public override ProbeSection<MechanismReadout> Section => ProbeLine.MechanismSection;

    protected override ProbeRead<MechanismReadout> Start(MechanismSpec spec, ProbeContext run)
    {
        var (dirs, members, data) = (run.Dirs, run.Members, run.Data);
        var task = members[0].Task;
        int layers = members[0].Model.Layers;
        var seeds = members.Select(m => m.Seed).ToList();
        TokenBlock inputs = task.InputTokens(), anchors = task.Anchors();
        var blocks = Enumerable.Range(0, layers).Select(i => new BlockHooks(i)).ToArray();
        var patterns = blocks.Select(b => b.Attn.Pattern.Name).ToArray();
        // Each layer's output: LN2 applied (post-LN), which hook_resid_post, the residual before LN2, is not.
        var residuals = blocks.Select(b => b.NormalizedResidPost.Name).ToArray();
        string topAttention = blocks[^1].AttnOut.Name;
        EvalGroup[] groups = [EvalGroup.Mem, EvalGroup.RsnTrain];
        // [E][anchor][D]: the anchors' initial draw; a resumed run reads it back from its step-0 line.
        double[][][]? initialAnchors = null;
        return (step, model) =>
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var device = model.Weight("W_E").device;
            var emb = TensorReadout.Stack(model.Weight("W_E")); // [E][V][D]
            initialAnchors ??= step == 0
                ? emb.Select(rows => anchors.Slice(rows, 0)).ToArray()
                : dirs.Select(d => anchors.Slice(ProbeFile.Read(d)[0].Mechanism!.Embeddings!, inputs.First)).ToArray();
            var wv = TensorReadout.Stack(model.Weight("blocks.0.attn.W_V")); // [E][D][d_k]
            using var probe = ProbeInputs.Build(data, seeds, groups, ProbeSamplesPerGroup, "probe-sample", device);
            using var cache = model.RunWithCache(probe.Ids, [.. patterns, .. residuals]);
            var (maxDev, mean, attention) = Attention(cache, patterns, probe);
            var keyIds = probe.Ids.gather(2, probe.KeyPositions.unsqueeze(2)).squeeze(2) - task.KeyMin; // [E, B]
            var layerProbes = residuals.Select(h =>
            {
                var r = cache[h];
                return LinearProbe.HeldOutAccuracy(r.select(-2, r.shape[^2] - 1), keyIds, task.NumKeys);
            }).ToArray(); // [layer][E]
            var (keyAttnOut, controlAttnOut) = TopAttentionProbes(model, data, seeds, groups, topAttention, task,
                device);
            var readouts = new MechanismReadout[members.Count];
            for (int e = 0; e < readouts.Length; e++)
            {
                var (u, s, _) = Linalg.Svd(wv[e]);
                var u1 = u.Select(r => r[0]).ToArray();
                readouts[e] =
                    new MechanismReadout
                    {
                        // At step 0 the initial draw, so analyses can separate what training added (w − w0).
                        Embeddings = inputs.Slice(emb[e], 0),
                        Attn1MaxDev = maxDev[e],
                        Attn1Mean = mean[e],
                        WvSingularValues = s.Take(10).ToArray(),
                        U1AbsCosAnchors = anchors.Tokens.Select(a => Math.Abs(Linalg.Cosine(u1, emb[e][a])))
                            .ToArray(),
                        U1AbsCosAnchorUpdates = step == 0 ? null : anchors.Tokens.Select((a, i) =>
                            Math.Abs(Linalg.Cosine(u1, Linalg.Subtract(emb[e][a], initialAnchors[e][i])))).ToArray(),
                        Attn2KeyMem = attention?[e].KeyMem,
                        Attn2KeyRsn = attention?[e].KeyRsn,
                        Attn2AnchorsMem = attention?[e].AnchorsMem,
                        Attn2AnchorsRsn = attention?[e].AnchorsRsn,
                        KeyProbeLayer1 = layerProbes[0][e],
                        KeyProbeLayer2 = layers > 1 ? layerProbes[1][e] : null,
                        KeyProbeAttnOut = keyAttnOut[e],
                        ControlProbeAttnOut = controlAttnOut[e],
                    };
            }
            return readouts;
        };
    }

    private sealed record KeyAttention(double KeyMem, double KeyRsn, double AnchorsMem, double AnchorsRsn);

    /// <summary>
    /// Layer 1 (Lemma 1): per member, max over inputs, positions i and j ≤ i of |A_ij − 1/i|, and the mean map.
    /// Layer 2 (App. D, C15): the last position's weight on the key position and on the two anchor positions (null
    /// for a one-layer model).
    /// </summary>
    private static (double[] MaxDev, double[][][] Mean, KeyAttention[]? Layer2) Attention(ActivationCache cache,
        string[] patterns, ProbeInputs probe)
    {
        using var scope = NewDisposeScope();
        var a = cache[patterns[0]].to(ScalarType.Float64); // [E, B, L, L]
        long len = a.shape[^1];
        int members = (int)a.shape[0];
        var causalMean = ones(len, len, dtype: ScalarType.Float64, device: a.device).tril_()
            .div_(arange(1, len + 1, dtype: ScalarType.Float64, device: a.device).unsqueeze(1));
        var dev = (a - causalMean).abs_().amax([1, 2, 3]);
        var (maxDev, mean) = (TensorReadout.Doubles(dev), TensorReadout.Stack(a.mean([1])));
        if (patterns.Length < 2) return (maxDev, mean, null);
        var map = cache[patterns[1]];
        var last = map.select(2, map.shape[2] - 1).to(ScalarType.Float64); // [E, B, L]
        var keyPos = probe.KeyPositions.unsqueeze(2);
        var onKey = TensorReadout.Rows(last.gather(2, keyPos).squeeze(2)); // [E][B]
        var onAnchors = TensorReadout.Rows(
            last.gather(2, keyPos + 1).squeeze(2) + last.gather(2, keyPos + 2).squeeze(2));
        var isMem = probe.IsMem;
        var layer2 = Enumerable.Range(0, members).Select(e => new KeyAttention(
                onKey[e].Where((_, b) => isMem[b]).Average(), onKey[e].Where((_, b) => !isMem[b]).Average(),
                onAnchors[e].Where((_, b) => isMem[b]).Average(), onAnchors[e].Where((_, b) => !isMem[b]).Average()))
            .ToArray();
        return (maxDev, mean, layer2);
    }

    /// <summary>
    /// C15 v3: how well a linear probe reads the key z_p from the top layer's attention output at the last position
    /// (before the residual, LayerNorm and FFN), on 2,000 stratified inputs, against a control probe for the token
    /// at a seeded random noise position of each input (one that is neither p, p + 1 nor p + 2).
    /// </summary>
    private static (double[] Key, double[] Control) TopAttentionProbes(IEnsembleModel model,
        IReadOnlyList<TaskData> data, IReadOnlyList<long> seeds, EvalGroup[] groups, string hook,
        CompositionTaskConfig task, Device device)
    {
        using var scope = NewDisposeScope();
        using var probe = ProbeInputs.Build(data, seeds, groups, AttentionProbeSamplesPerGroup, "attention-probe",
            device);
        var chunks = new List<Tensor>();
        for (long start = 0, n = probe.Ids.shape[1]; start < n; start += AttentionProbeChunk)
        {
            using var cache = model.RunWithCache(probe.Ids.narrow(1, start, Math.Min(AttentionProbeChunk, n - start)),
                [hook]);
            var output = cache[hook];
            chunks.Add(output.select(-2, output.shape[^2] - 1).clone()); // [E, chunk, D]: outlives the cache
        }
        var features = cat(chunks, 1); // [E, B, D]
        var keyIds = probe.Ids.gather(2, probe.KeyPositions.unsqueeze(2)).squeeze(2) - task.KeyMin;
        var noise = NoisePositions(probe, seeds, task.SeqLen, task.Anchors);
        var noiseIds = probe.Ids.gather(2, noise.to(device).unsqueeze(2)).squeeze(2) - task.KeyMin;
        return (LinearProbe.HeldOutAccuracy(features, keyIds, task.NumKeys),
                LinearProbe.HeldOutAccuracy(features, noiseIds, task.NumKeys));
    }

    /// <summary>Per member and input, a seeded position outside p..p + q (noise tokens are random keys).</summary>
    private static Tensor NoisePositions(ProbeInputs probe, IReadOnlyList<long> seeds, int len, int anchors)
    {
        var keyPos = TensorReadout.Longs(probe.KeyPositions);
        int members = seeds.Count, b = keyPos.Length / members;
        var chosen = new long[keyPos.Length];
        for (int e = 0; e < members; e++)
        {
            var rng = new Rng(Rng.Derive(seeds[e], "probe-noise-position"));
            for (int k = 0; k < b; k++)
            {
                long p = keyPos[e * b + k];
                var free = Enumerable.Range(0, len).Where(t => t < p || t > p + anchors).ToArray();
                chosen[e * b + k] = free[rng.NextInt(free.Length)];
            }
        }
        return tensor(chosen, [members, b], dtype: ScalarType.Int64, device: CPU); // the caller moves it
    }
}
