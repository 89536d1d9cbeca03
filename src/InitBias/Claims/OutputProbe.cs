using System.Text.Json.Nodes;
using InitBias.Experiments;
using InitBias.Models;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Claims;

/// <summary>
/// For the label-group experiment (C18): at every evaluation, the argmax outputs of each member on all its training
/// samples, summarised per label group: share inside the group's label range, mean output, accuracy, and a histogram
/// over the vocabulary (outputs.jsonl in the run folder).
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
            var input = tensor(ids, [members.Count, n, len], dtype: ScalarType.Int64, device: model.Module.parameters().First().device);
            var predicted = model.Forward(input).argmax(-1).cpu();
            using var accessor = predicted.data<long>();
            var pred = accessor.ToArray();
            for (int e = 0; e < members.Count; e++)
            {
                var line = new JsonObject { ["step"] = step };
                for (int g = 0; g < CompositionTaskConfig.LabelGroups; g++)
                {
                    var (lo, hi) = CompositionTaskConfig.GroupLabelRange(g);
                    var rows = Enumerable.Range(0, n).Where(i => groups[e][i] == g).ToList();
                    var outs = rows.Select(i => pred[e * n + i]).ToList();
                    var histogram = new int[vocab];
                    foreach (var o in outs) histogram[o]++;
                    line[$"group{g + 1}"] = new JsonObject
                    {
                        ["label_min"] = lo, ["label_max"] = hi,
                        ["in_range"] = outs.Count(o => o >= lo && o <= hi) / (double)outs.Count,
                        ["mean_output"] = outs.Average(o => (double)o),
                        ["accuracy"] = rows.Count(i => pred[e * n + i] == data[e].Label(i)) / (double)rows.Count,
                        ["histogram"] = new JsonArray(histogram.Select(h => (JsonNode?)h).ToArray()),
                    };
                }
                System.IO.File.AppendAllText(Path.Combine(dirs[e], File), line.ToJsonString() + "\n");
            }
        };
    }

    public static JsonObject Read(string runDir, int step) =>
        System.IO.File.ReadLines(Path.Combine(runDir, File)).Select(l => JsonNode.Parse(l)!.AsObject())
            .FirstOrDefault(o => o["step"]!.GetValue<int>() == step) ?? throw new InvalidOperationException($"{runDir} has no outputs at step {step}");
}
