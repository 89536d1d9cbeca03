using InitBias.Experiments;
using InitBias.Models;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Claims.Probes;

/// <summary>
/// One label group's outputs at one evaluation: of the argmax, the share in the group's range, mean, accuracy and
/// histogram; and the mean softmax distribution over the vocabulary (C18 v2 reads masses of label ranges from it).
/// </summary>
public sealed record GroupOutputs(int LabelMin, int LabelMax, double InRange, double MeanOutput, double Accuracy,
    int[] Histogram, double[] MeanProbability)
{
    /// <summary>Mean softmax mass on the labels lo..hi.</summary>
    public double Mass(int lo, int hi)
    {
        double s = 0;
        for (int i = Math.Max(lo, 0); i <= Math.Min(hi, MeanProbability.Length - 1); i++) s += MeanProbability[i];
        return s;
    }
}

/// <summary>The output probe at one evaluation of one run (a line of outputs.jsonl): groups 1..4 in order.</summary>
public sealed record OutputProbeLine(int Step, GroupOutputs[] Groups);

/// <summary>
/// For the label-group experiment (C18): at every evaluation, the argmax outputs of each member on all its training
/// samples, summarised per label group (outputs.jsonl in the run folder).
/// </summary>
public static class OutputProbe
{
    public const string File = "outputs.jsonl";

    public static Action<int, IEnsembleModel> Writer(IReadOnlyList<string> dirs, IReadOnlyList<RunConfig> members)
    {
        var task = members[0].Task;
        var data = members.Select(m => ExperimentRegistry.Get(m.Experiment).BuildData(m)).ToList();
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
            var probabilities = TensorReadout.Stack(nn.functional.softmax(logits, -1)); // [E][n][V]
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
                        Enumerable.Range(0, vocab).Select(v => rows.Average(i => probabilities[e][i][v])).ToArray());
                }
                ProbeFile.Append(dirs[e], File, new OutputProbeLine(step, summary));
            }
        };
    }

    public static OutputProbeLine Read(string runDir, int step) =>
        ProbeFile.Read<OutputProbeLine>(runDir, File).FirstOrDefault(l => l.Step == step)
        ?? throw new InvalidOperationException($"{runDir} has no outputs at step {step}");
}
