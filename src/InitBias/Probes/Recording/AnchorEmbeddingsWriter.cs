using InitBias.Grids;
using InitBias.Tasks;
using static TorchSharp.torch;

namespace InitBias.Probes.Recording;

/// <summary>
/// At chosen steps, the anchor embeddings (memory and reasoning anchors, tokens 1..20) of every member from W_E and
/// their cosine matrix, so claims and heatmaps read the same numbers; the rows too when asked (C10 reads updates).
/// </summary>
public sealed class AnchorEmbeddingsWriter : Probe<AnchorEmbeddingsSpec, AnchorEmbeddings>
{
    public override ProbeSection<AnchorEmbeddings> Section => ProbeLine.AnchorsSection;

    protected override ProbeRead<AnchorEmbeddings> Start(AnchorEmbeddingsSpec spec, ProbeContext run) =>
        Create(ClaimGrids.StepsOf(spec.Steps, run.Members[0], run.Profile), run.Members[0].Task, spec.WithRows);

    private static ProbeRead<AnchorEmbeddings> Create(IReadOnlySet<int> steps, CompositionTaskConfig task,
        bool withRows)
    {
        int first = Math.Min(task.MemAnchorMin, task.RsnAnchorMin);
        int count = Math.Max(task.MemAnchorMax, task.RsnAnchorMax) - first + 1;
        return (step, model) =>
        {
            if (!steps.Contains(step)) return null;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var rows = model.Weight("W_E").narrow(1, first, count);         // [E, anchors, D]
            var unit = nn.functional.normalize(rows, p: 2, dim: -1);
            var cos = TensorReadout.Stack(bmm(unit, unit.transpose(1, 2)));   // [E][anchors][anchors]
            var raw = withRows ? TensorReadout.Stack(rows) : null;
            return [.. cos.Select((c, e) => new AnchorEmbeddings(first, c, raw?[e]))];
        };
    }
}
