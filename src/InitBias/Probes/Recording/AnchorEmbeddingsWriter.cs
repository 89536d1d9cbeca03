using InitBias.Models;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// At chosen steps, the anchor embedding rows (memory and reasoning anchors, tokens 1..20) of every member from W_E.
/// Their cosines are a function of the rows and are computed at read time (docs/reading.md), so the rows are always
/// recorded: withRows is kept for the declarations (Grids.AnchorEmbeddingsSpec) and no longer changes what is written.
/// </summary>
public static class AnchorEmbeddingsWriter
{
    public static SectionWriter Create(IReadOnlySet<int> steps, CompositionTaskConfig task, bool withRows)
    {
        _ = withRows;
        var anchors = task.Anchors();
        return (step, model, lines) =>
        {
            if (!steps.Contains(step)) return;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var rows = TensorReadout.Stack(model.Weight("W_E")); // [E][V][D]
            for (int e = 0; e < lines.Length; e++)
                lines[e] = lines[e] with { Anchors = new AnchorEmbeddings(anchors.First, anchors.Slice(rows[e], 0)) };
        };
    }
}
