using InitBias.Grids;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// label-groups (C18): at every evaluation, each member's argmax and softmax outputs on all its training samples,
/// summarised per label group.
/// </summary>
public sealed class LabelGroupOutputsWriter : Probe<LabelGroupOutputsSpec, GroupOutputs[]>
{
    public override ProbeSection<GroupOutputs[]> Section => GroupOutputs.Section;

    protected override ProbeRead<GroupOutputs[]> Start(LabelGroupOutputsSpec spec, ProbeContext run)
    {
        var (members, data) = (run.Members, run.Data);
        var task = members[0].Task;
        int n = data[0].Count, len = data[0].SeqLen, vocab = members[0].Model.VocabSize;
        var ids = new long[members.Count * n * len];
        for (int e = 0; e < members.Count; e++)
            for (int i = 0; i < n; i++) data[e].Sample(i)[..len].CopyTo(ids.AsSpan((e * n + i) * len, len));
        // The label group of each sample from its anchors (positions p + 1, p + 2).
        var groups = data.Select(d => Enumerable.Range(0, d.Count).Select(i =>
        {
            var row = d.Sample(i); int p = d.KeyPositions[i];
            return task.LabelGroup((int)row[p + 1], (int)row[p + 2]);
        }).ToArray()).ToList();

        return (step, model) =>
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var device = model.Module.parameters().First().device;
            var input = tensor(ids, [members.Count, n, len], dtype: ScalarType.Int64, device: device);
            var logits = model.Forward(input); // [E, n, V]
            var pred = TensorReadout.Longs(logits.argmax(-1));
            var probabilities = TensorReadout.Doubles(nn.functional.softmax(logits, -1)); // [E·n·V]
            var outputs = new GroupOutputs[members.Count][];
            for (int e = 0; e < members.Count; e++)
            {
                var summary = new GroupOutputs[CompositionTaskConfig.LabelGroups];
                for (int g = 0; g < summary.Length; g++)
                {
                    var (lo, hi) = CompositionTaskConfig.GroupLabelRange(g);
                    var rows = Enumerable.Range(0, n).Where(i => groups[e][i] == g).ToList();
                    var outs = rows.Select(i => pred[e * n + i]).ToList();
                    var histogram = new int[vocab];
                    foreach (var o in outs) histogram[o]++;
                    summary[g] = new GroupOutputs(lo, hi,
                        outs.Count(o => o >= lo && o <= hi) / (double)outs.Count,
                        outs.Average(o => (double)o),
                        rows.Count(i => pred[e * n + i] == data[e].Label(i)) / (double)rows.Count,
                        histogram,
                        MeanRows(probabilities.AsSpan(e * n * vocab, n * vocab), vocab, rows));
                }
                outputs[e] = summary;
            }
            return outputs;
        };
    }

    /// <summary>
    /// The mean of the given rows of a flat [n, V] matrix, summed in row order as Enumerable.Average sums (the
    /// same bits): one pass over the rows instead of V passes over the matrix through a jagged copy.
    /// </summary>
    private static double[] MeanRows(ReadOnlySpan<double> matrix, int width, IReadOnlyList<int> rows)
    {
        var sum = new double[width];
        foreach (int i in rows)
        {
            var row = matrix.Slice(i * width, width);
            for (int v = 0; v < width; v++) sum[v] += row[v];
        }
        for (int v = 0; v < width; v++) sum[v] /= rows.Count;
        return sum;
    }
}
