using InitBias.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace InitBias.Training;

/// <summary>
/// The data of E members as tensors, built once: the training samples flattened to [E·N, L+1] (member e owns rows
/// e·N .. e·N+N-1) so a batch is one index_select, and each evaluation group as [E, N_g, L+1].
/// </summary>
public sealed class EnsembleData : IDisposable
{
    public int Members { get; }
    public int SeqLen { get; }
    public long TrainCount { get; }
    public Tensor Train { get; }
    public IReadOnlyDictionary<EvalGroup, Tensor> Eval { get; }

    public EnsembleData(IReadOnlyList<TaskData> members, Device device)
    {
        if (members.Count == 0) throw new ArgumentException("no members");
        Members = members.Count;
        SeqLen = members[0].SeqLen;
        int w = SeqLen + 1;
        var trainIdx = members.Select(m => m.TrainIndices()).ToArray();
        TrainCount = trainIdx[0].Length;
        if (members.Any(m => m.SeqLen != SeqLen) || trainIdx.Any(t => t.Length != TrainCount))
            throw new ArgumentException("ensemble members must share sequence length and training-set size");

        Train = Gather(members, trainIdx, w).reshape(Members * TrainCount, w).to(device).DetachFromDisposeScope();
        var eval = new Dictionary<EvalGroup, Tensor>();
        foreach (var g in EvalGroups.All)
        {
            var idx = members.Select(m => m.EvalIndices[g]).ToArray();
            if (idx.Any(i => i.Length != idx[0].Length))
                throw new ArgumentException($"members differ in {g.Key()} size");
            if (idx[0].Length == 0) continue;
            eval[g] = Gather(members, idx, w).to(device).DetachFromDisposeScope();
        }
        Eval = eval;
    }

    private static Tensor Gather(IReadOnlyList<TaskData> members, int[][] idx, int w)
    {
        int n = idx[0].Length;
        var buf = new long[checked(members.Count * n * w)];
        for (int e = 0; e < members.Count; e++)
            for (int i = 0; i < n; i++)
                members[e].Sample(idx[e][i]).CopyTo(buf.AsSpan((e * n + i) * w, w));
        // Built on the named CPU and then moved: on torch's default device it would not be where the caller says.
        return tensor(buf, [members.Count, n, w], dtype: ScalarType.Int64, device: CPU);
    }

    public void Dispose()
    {
        Train.Dispose();
        foreach (var t in Eval.Values) t.Dispose();
    }
}
