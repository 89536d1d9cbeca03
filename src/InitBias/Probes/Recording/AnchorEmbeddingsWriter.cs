using InitBias.Models;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// At chosen steps, the anchor embeddings (memory and reasoning anchors, tokens 1..20) of every member from W_E and
/// their cosine matrix, so claims and heatmaps read the same numbers; the rows too when asked (C10 reads updates).
/// </summary>
public static class AnchorEmbeddingsWriter
{
    public static SectionWriter Create(IReadOnlySet<int> steps, CompositionTaskConfig task, bool withRows)
    {
        int first = Math.Min(task.MemAnchorMin, task.RsnAnchorMin);
        int count = Math.Max(task.MemAnchorMax, task.RsnAnchorMax) - first + 1;
        return (step, model, lines) =>
        {
            if (!steps.Contains(step)) return;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var rows = model.Weight("W_E").narrow(1, first, count);         // [E, anchors, D]
            var unit = nn.functional.normalize(rows, p: 2, dim: -1);
            var cos = TensorReadout.Stack(bmm(unit, unit.transpose(1, 2)));   // [E][anchors][anchors]
            var raw = withRows ? TensorReadout.Stack(rows) : null;
            for (int e = 0; e < lines.Length; e++)
                lines[e] = lines[e] with { Anchors = new AnchorEmbeddings(first, cos[e], raw?[e]) };
        };
    }
}
